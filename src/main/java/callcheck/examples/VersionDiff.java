package callcheck.examples;

import callcheck.evaluation.PackEngine;


import callcheck.engine.Finding;
import callcheck.engine.RoundResult;
import callcheck.engine.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What moving a call from one pack version to another changes: every example of the call evaluated with each
 * version pinned, keeping those whose verdict, findings (rule, severity, message, values) or financing plan differ;
 * and every round example of the call checked with each version pinned, keeping those whose call-level findings,
 * proposed selection or proposals' verdicts differ (a change of a call-level parameter, such as the budget, shows
 * only there). Shows an analyst what an edit does before it is served.
 */
public record VersionDiff(String call, String from, String to, int compared, List<Change> changes, int comparedRounds,
                          List<RoundChange> roundChanges) {

    /** One example that the two versions answer differently. */
    public record Change(Example example, ExampleResult before, ExampleResult after) {

        public boolean verdictChanged() {
            return VersionDiff.verdictChanged(before.verdict(), before.error(), after.verdict(), after.error());
        }

        /** The ids of the rules whose findings differ, sorted. */
        public List<String> changedRules() {
            return VersionDiff.changedRules(before.verdict(), before.foundIds(), after.verdict(), after.foundIds());
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

    /**
     * One round example that the two versions answer differently. Its verdict is the call-level rules' on the selected
     * proposals: INELIGIBLE when one of them finds something BLOCKING.
     */
    public record RoundChange(RoundExample example, RoundExampleResult before, RoundExampleResult after) {

        public boolean verdictChanged() {
            return VersionDiff.verdictChanged(before.verdict(), before.error(), after.verdict(), after.error());
        }

        /** The ids of the call-level rules whose findings differ, sorted. */
        public List<String> changedRules() {
            return VersionDiff.changedRules(before.verdict(), before.foundIds(), after.verdict(), after.foundIds());
        }

        public boolean selectionChanged() {
            return !Objects.equals(before.proposedIds(), after.proposedIds());
        }

        /** The ids of the round's proposals whose own verdict differs, in the round's order. */
        public List<String> changedProposals() {
            if (before.result() == null || after.result() == null) return List.of();
            List<String> ids = new ArrayList<>();
            List<RoundResult.Line> a = before.result().proposals(), b = after.result().proposals();
            for (int i = 0; i < Math.min(a.size(), b.size()); i++) if (a.get(i).verdict() != b.get(i).verdict()) ids.add(a.get(i).id());
            return ids;
        }

        boolean none() {
            if (before.verdict() == null || after.verdict() == null) return before.verdict() == after.verdict() && Objects.equals(before.error(), after.error());
            return new VerdictChange(before.verdict(), after.verdict()).none() && !selectionChanged() && changedProposals().isEmpty();
        }
    }

    public VersionDiff {
        changes = List.copyOf(changes);
        roundChanges = List.copyOf(roundChanges);
    }

    /** The call's examples only, no round example. */
    public static VersionDiff of(PackEngine engine, List<Example> examples, String call, String from, String to) {
        return of(engine, examples, List.of(), call, from, to);
    }

    /**
     * Evaluates the call's examples and checks its round examples with {@code from} and with {@code to}, whatever
     * version an example pins. Both versions must be loaded ({@link callcheck.engine.UnknownCallException} otherwise).
     */
    public static VersionDiff of(PackEngine engine, List<Example> examples, List<RoundExample> rounds, String call, String from, String to) {
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
        List<RoundChange> roundChanges = new ArrayList<>();
        int comparedRounds = 0;
        for (RoundExample round : rounds) {
            if (!round.call().equals(call)) continue;
            comparedRounds++;
            RoundChange c = new RoundChange(round, RoundExampleResult.run(engine.packs(), round, from), RoundExampleResult.run(engine.packs(), round, to));
            if (!c.none()) roundChanges.add(c);
        }
        return new VersionDiff(call, from, to, compared, changes, comparedRounds, roundChanges);
    }

    private static boolean verdictChanged(Verdict before, String beforeError, Verdict after, String afterError) {
        return before == null || after == null ? !Objects.equals(beforeError, afterError) : new VerdictChange(before, after).verdictChanged();
    }

    private static List<String> changedRules(Verdict before, List<String> beforeIds, Verdict after, List<String> afterIds) {
        if (before != null && after != null) return new VerdictChange(before, after).changedRules();
        TreeSet<String> ids = new TreeSet<>(beforeIds);
        ids.addAll(afterIds);
        return List.copyOf(ids);
    }

    private static boolean same(ExampleResult a, ExampleResult b) {
        Verdict x = a.verdict(), y = b.verdict();
        if (x == null || y == null) return x == y && Objects.equals(a.error(), b.error());
        return new VerdictChange(x, y).none();
    }
}
