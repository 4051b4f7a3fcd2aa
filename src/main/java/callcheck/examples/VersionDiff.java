package callcheck.examples;

import callcheck.evaluation.PackEngine;


import callcheck.engine.Finding;
import callcheck.engine.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What moving a call from one pack version to another changes: every example of the call evaluated with each
 * version pinned, keeping those whose verdict, findings (rule, severity, message, values) or financing plan differ.
 * Shows an analyst what an edit does before it is served.
 */
public record VersionDiff(String call, String from, String to, int compared, List<Change> changes) {

    /** One example that the two versions answer differently. */
    public record Change(Example example, ExampleResult before, ExampleResult after) {

        public boolean verdictChanged() {
            return before.verdict() == null || after.verdict() == null
                    ? !Objects.equals(before.error(), after.error())
                    : new VerdictChange(before.verdict(), after.verdict()).verdictChanged();
        }

        /** The ids of the rules whose findings differ, sorted. */
        public List<String> changedRules() {
            if (before.verdict() != null && after.verdict() != null) return new VerdictChange(before.verdict(), after.verdict()).changedRules();
            TreeSet<String> ids = new TreeSet<>(before.foundIds());
            ids.addAll(after.foundIds());
            return List.copyOf(ids);
        }

        public boolean financingChanged() {
            return !Objects.equals(financing(before), financing(after));
        }

        /** The findings of one rule in a result, in order; empty when it found nothing or did not run. */
        public static List<Finding> findingsOf(ExampleResult r, String ruleId) {
            return r.verdict() == null ? List.of() : VerdictChange.findingsOf(r.verdict(), ruleId);
        }

        private static Object financing(ExampleResult r) {
            return r.verdict() == null ? null : r.verdict().financing();
        }
    }

    public VersionDiff {
        changes = List.copyOf(changes);
    }

    /**
     * Evaluates the call's examples with {@code from} and with {@code to}. Both versions must be loaded
     * ({@link callcheck.engine.UnknownCallException} otherwise).
     */
    public static VersionDiff of(PackEngine engine, List<Example> examples, String call, String from, String to) {
        engine.packs().select(call, from, null);
        engine.packs().select(call, to, null);
        List<Change> changes = new ArrayList<>();
        int compared = 0;
        for (Example example : examples) {
            if (!example.call().equals(call)) continue;
            compared++;
            ExampleResult before = ExampleResult.run(engine, example, from);
            ExampleResult after = ExampleResult.run(engine, example, to);
            if (!same(before, after)) changes.add(new Change(example, before, after));
        }
        return new VersionDiff(call, from, to, compared, changes);
    }

    private static boolean same(ExampleResult a, ExampleResult b) {
        Verdict x = a.verdict(), y = b.verdict();
        if (x == null || y == null) return x == y && Objects.equals(a.error(), b.error());
        return new VerdictChange(x, y).none();
    }
}
