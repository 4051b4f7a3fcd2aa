package callcheck.examples;

import callcheck.evaluation.PackEngine;
import callcheck.evaluation.PackSet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every example and round example of an examples folder run against the packs, with the rule coverage: what
 * {@code callcheck test}, {@code mvn verify} and {@link callcheck.engine.Examples} check.
 *
 * @param results  the examples' results, per call folder, in name order
 * @param rounds   the round examples' results
 * @param coverage the coverage of the packs of the calls run (every call, or the one asked for)
 */
public record ExampleRun(List<ExampleResult> results, List<RoundExampleResult> rounds, Coverage coverage) {

    /**
     * Runs the examples of one call, or of every call (null), each within the engine's time budget.
     *
     * @throws java.io.UncheckedIOException when the folder cannot be read
     * @throws IllegalStateException        when an example has no expectation beside it
     */
    public static ExampleRun run(PackEngine engine, Path examples, String call) {
        return run(engine, examples, call, false);
    }

    /**
     * As {@link #run(PackEngine, Path, String)}; {@code parallel}: after the first, the examples run on several threads
     * (in order all the same), for a JVM that has run them before ({@code test --watch}).
     */
    public static ExampleRun run(PackEngine engine, Path examples, String call, boolean parallel) {
        PackSet packs = engine.packs();
        if (call != null) packs = new PackSet(packs.all().stream().filter(p -> p.call().equals(call)).toList(), packs.reference());
        // One at a time unless asked: each runs within the time budget, and two at once on a busy machine made a cold
        // first evaluation overrun it (loop.sh at load 14, in a fresh JVM). The rounds have no budget: they run in parallel below.
        List<Example> chosen = Example.all(examples).stream().filter(e -> call == null || e.call().equals(call)).toList();
        List<ExampleResult> results = new ArrayList<>();
        if (parallel && !chosen.isEmpty()) {
            results.add(ExampleResult.run(engine, chosen.get(0))); // alone: the pack's first evaluation, whose budget is the cold one
            results.addAll(chosen.subList(1, chosen.size()).parallelStream().map(e -> ExampleResult.run(engine, e)).toList());
        } else {
            chosen.forEach(e -> results.add(ExampleResult.run(engine, e)));
        }
        PackSet all = engine.packs();
        java.util.Map<String, callcheck.engine.Verdict> verdicts = new java.util.concurrent.ConcurrentHashMap<>();
        List<RoundExampleResult> rounds = RoundExample.all(examples).stream().filter(e -> call == null || e.call().equals(call))
                .parallel().map(e -> RoundExampleResult.run(all, e, verdicts)).toList(); // in order all the same
        return new ExampleRun(results, rounds, Coverage.of(packs, results, rounds));
    }
}
