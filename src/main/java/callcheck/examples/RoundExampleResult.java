package callcheck.examples;

import callcheck.engine.Finding;
import callcheck.engine.Outcome;
import callcheck.engine.Severity;
import callcheck.engine.Verdict;
import callcheck.evaluation.Evaluator;
import callcheck.evaluation.PackEngine;
import callcheck.evaluation.PackSet;
import callcheck.model.Proposal;
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
        return run(packs, example, example.expected().version(), new java.util.concurrent.ConcurrentHashMap<>());
    }

    /**
     * Checks the round with the given version, every proposal evaluated with it whatever its date (null: the version
     * its proposals' submission dates select).
     */
    public static RoundExampleResult run(PackSet packs, RoundExample example, String version) {
        return run(packs, example, version, new java.util.concurrent.ConcurrentHashMap<>());
    }

    /** As {@link #run(PackSet, RoundExample)}, sharing {@code verdicts} with other rounds (see the next). */
    static RoundExampleResult run(PackSet packs, RoundExample example, java.util.Map<String, Verdict> verdicts) {
        return run(packs, example, example.expected().version(), verdicts);
    }

    /**
     * As {@link #run(PackSet, RoundExample, String)}, each distinct proposal evaluated once per pack over the rounds
     * that share {@code verdicts} (a round example names the same example file many times: 507's seven rounds evaluated
     * 144 proposals, 8 of them distinct). The rules decide from the facts alone, so a verdict serves for an equal
     * proposal; its decision id, which a round example does not check, is then shared.
     */
    static RoundExampleResult run(PackSet packs, RoundExample example, String version, java.util.Map<String, Verdict> verdicts) {
        try {
            Rounds.Evaluate once = (pack, p) -> verdicts.computeIfAbsent(pack.digest() + "\n" + json(p),
                    k -> PackEngine.evaluate(pack, packs.reference(), p));
            RoundResult r = Rounds.checked(packs, example.call(), version,
                    RoundReader.read(example.body(), example::exampleProposal), Decisions.NONE, once, Evaluator.unlimited()).result();
            return new RoundExampleResult(example, r, verdict(packs, r), null);
        } catch (InvalidRoundException e) {
            return new RoundExampleResult(example, null, null, e.code() + (e.field() == null ? "" : " at " + e.field()) + ": " + e.getMessage());
        } catch (RuntimeException e) {
            return new RoundExampleResult(example, null, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * Every field of a proposal and of what it holds, an absent list told apart from an empty one (the getters do not,
     * {@code @needs} does): equal keys, equal facts.
     */
    private static final com.fasterxml.jackson.databind.ObjectMapper FIELDS = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .addModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .visibility(com.fasterxml.jackson.annotation.PropertyAccessor.ALL, com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE)
            .visibility(com.fasterxml.jackson.annotation.PropertyAccessor.FIELD, com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY)
            .build();

    private static String json(Proposal p) {
        try {
            return FIELDS.writeValueAsString(p);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
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
