package callcheck.examples;

import callcheck.engine.Finding;
import callcheck.engine.Outcome;
import callcheck.engine.Severity;
import callcheck.engine.Verdict;
import callcheck.evaluation.PackSet;
import callcheck.pack.RulePack;
import callcheck.round.Decisions;
import callcheck.round.InvalidRoundException;
import callcheck.round.RoundReader;
import callcheck.engine.RoundResult;
import callcheck.round.Rounds;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A round example checked against the packs: the answer it got and whether that is what it expects. Its call-level
 * findings count in the rule coverage as an example's findings do ({@link #verdict}).
 */
public record RoundExampleResult(RoundExample example, RoundResult result, Verdict verdict, String error) {

    /** Checks the round with the version it pins, or else the one its proposals' submission dates select. */
    public static RoundExampleResult run(PackSet packs, RoundExample example) {
        return run(packs, example, example.expected().version());
    }

    /**
     * Checks the round with the given version, every proposal evaluated with it whatever its date (null: the version
     * its proposals' submission dates select).
     */
    public static RoundExampleResult run(PackSet packs, RoundExample example, String version) {
        try {
            RoundResult r = Rounds.check(packs, example.call(), version, RoundReader.read(example.body(), example::exampleProposal),
                    Decisions.NONE);
            return new RoundExampleResult(example, r, verdict(packs, r), null);
        } catch (InvalidRoundException e) {
            return new RoundExampleResult(example, null, null, e.code() + (e.field() == null ? "" : " at " + e.field()) + ": " + e.getMessage());
        } catch (RuntimeException e) {
            return new RoundExampleResult(example, null, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** The call-level rules' findings on the selected proposals as a verdict: what found something, what passed. */
    private static Verdict verdict(PackSet packs, RoundResult r) {
        RulePack round = packs.select(r.call(), r.version(), null).round();
        TreeSet<String> found = new TreeSet<>();
        Outcome outcome = Outcome.ELIGIBLE;
        for (Finding f : r.findings()) {
            found.add(f.rule());
            if (f.severity() == Severity.BLOCKING) outcome = Outcome.INELIGIBLE;
        }
        List<String> passed = new ArrayList<>();
        if (round != null) for (String id : round.ruleIds()) if (!found.contains(id)) passed.add(id);
        return new Verdict(null, r.call(), r.version(), r.digest(), outcome, r.findings(), passed, null);
    }

    public List<String> foundIds() {
        if (result == null) return List.of();
        return List.copyOf(new TreeSet<>(result.findings().stream().map(Finding::rule).toList()));
    }

    /** The ids of the proposed selection, in the round's order; null when none is proposed or the round failed. */
    public List<String> proposedIds() {
        return result == null || result.proposedSelection() == null ? null : result.proposedSelection().ids();
    }

    public boolean passed() {
        return difference().isEmpty();
    }

    /** What differs from the expectation, or empty. */
    public String difference() {
        if (error != null) return "error: " + error;
        RoundExample.Expected x = example.expected();
        List<String> problems = new ArrayList<>();
        if (!foundIds().equals(List.copyOf(new TreeSet<>(x.findings())))) problems.add("expected findings " + new TreeSet<>(x.findings()) + ", got " + foundIds());
        if (x.proposedSelection() != null) {
            TreeSet<String> got = result.proposedSelection() == null ? null : new TreeSet<>(result.proposedSelection().ids());
            if (got == null || !got.equals(new TreeSet<>(x.proposedSelection()))) {
                problems.add("expected proposed selection " + new TreeSet<>(x.proposedSelection()) + ", got " + (got == null ? "none" : got));
            }
        }
        return String.join("; ", problems);
    }
}
