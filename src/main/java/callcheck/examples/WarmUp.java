package callcheck.examples;

import callcheck.evaluation.PackEngine;


import java.nio.file.Path;
import java.util.List;

/**
 * Evaluates every example once against the packs serving. Drools compiles each constraint the first time it is
 * evaluated: without this, the first request for a pack after a start took about 200 ms (BENCHMARKS.md) instead of a
 * few. A reload needs none, since its gate runs the same examples on the new packs before they serve.
 */
public final class WarmUp {
    private WarmUp() {
    }

    /**
     * Runs each example with the version it pins, or the one its date selects; what the verdicts are does not matter
     * here (the gate and {@code callcheck test} judge them), and an example that fails does not stop the others.
     * Returns how many examples ran.
     */
    public static int run(PackEngine engine, Path examples) {
        List<Example> all = Example.all(examples);
        for (Example e : all) ExampleResult.run(engine, e);
        return all.size();
    }
}
