package callcheck.examples;

import callcheck.engine.EvaluationTimeoutException;
import callcheck.evaluation.PackEngine;
import callcheck.engine.Finding;
import callcheck.engine.Verdict;
import callcheck.model.ProposalReader;

import java.util.List;
import java.util.TreeSet;

/** An example run against the engine: the verdict it got and whether that is what it expects. */
public record ExampleResult(Example example, Verdict verdict, String error) {

    /** Runs the example with the version it pins, or else the one its submission date selects. */
    public static ExampleResult run(PackEngine engine, Example example) {
        return run(engine, example, example.expected().version());
    }

    /**
     * Runs the example with the given version (null: the one its submission date selects), within the engine's time
     * budget (a freshly compiled pack's first evaluation gets at least {@link callcheck.evaluation.Evaluator#COLD_BUDGET}).
     */
    public static ExampleResult run(PackEngine engine, Example example, String version) {
        try {
            Verdict v = engine.evaluate(example.call(), version, ProposalReader.read(example.proposal()));
            return new ExampleResult(example, v, null);
        } catch (EvaluationTimeoutException e) {
            return new ExampleResult(example, null, "over the time budget: " + e.getMessage());
        } catch (RuntimeException e) {
            return new ExampleResult(example, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** The distinct ids of the rules that found something, sorted. */
    public List<String> foundIds() {
        if (verdict == null) return List.of();
        TreeSet<String> ids = new TreeSet<>();
        for (Finding f : verdict.findings()) ids.add(f.rule());
        return List.copyOf(ids);
    }

    public boolean passed() {
        return verdict != null && verdict.verdict() == example.expected().verdict()
                && foundIds().equals(List.copyOf(new TreeSet<>(example.expected().findings())));
    }

    /** What differs, for a failure message; empty when it passed. */
    public String difference() {
        if (error != null) return "error: " + error;
        if (passed()) return "";
        return "expected " + example.expected().verdict() + " " + new TreeSet<>(example.expected().findings())
                + ", got " + verdict.verdict() + " " + foundIds();
    }
}
