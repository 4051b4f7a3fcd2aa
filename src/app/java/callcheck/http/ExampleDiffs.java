package callcheck.http;

import callcheck.engine.FinancingPlan;
import callcheck.engine.Outcome;
import callcheck.engine.UnknownCallException;
import callcheck.evaluation.PackEngine;
import callcheck.examples.Example;
import callcheck.examples.ExampleResult;
import callcheck.examples.RoundExample;
import callcheck.examples.RoundExampleResult;
import callcheck.examples.VersionDiff;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * GET /v1/calls/{call}/diff?from=&to=: the examples of the call whose verdict, findings or financing plan differ
 * between two versions, and its round examples whose call-level findings, proposed selection or proposals' verdicts
 * differ, as {@code callcheck diff} shows them ({@link VersionDiff}); the examples are read from the service's examples
 * folder at each request, so that an analyst's new example counts at once.
 */
final class ExampleDiffs {

    record Diff(String call, String from, String to, int compared, List<ChangeView> changes, int comparedRounds,
                List<RoundChangeView> roundChanges) {
    }

    /** One round example the two versions answer differently. */
    record RoundChangeView(String example, RoundSide before, RoundSide after, boolean verdictChanged, List<String> changedRules,
                           boolean selectionChanged, List<String> changedProposals) {
    }

    /**
     * What one version answered on a round: the call-level verdict on the selected proposals, the ids of the call-level
     * rules that found something, the ids of the proposed selection (null when none), or the error.
     */
    record RoundSide(Outcome verdict, List<String> findings, List<String> proposedSelection, String error) {
        static RoundSide of(RoundExampleResult r) {
            return r.verdict() == null ? new RoundSide(null, List.of(), null, r.error())
                    : new RoundSide(r.verdict().verdict(), r.foundIds(), r.proposedIds(), null);
        }
    }

    /** One example the two versions answer differently: each side's result and what differs. */
    record ChangeView(String example, Side before, Side after, boolean verdictChanged, List<String> changedRules,
                      boolean financingChanged) {
    }

    /** What one version answered: the verdict and the ids of the rules that found something, or the error. */
    record Side(Outcome verdict, List<String> findings, FinancingPlan financing, String error) {
        static Side of(ExampleResult r) {
            return r.verdict() == null ? new Side(null, List.of(), null, r.error())
                    : new Side(r.verdict().verdict(), r.foundIds(), r.verdict().financing(), null);
        }
    }

    private ExampleDiffs() {
    }

    /** @param examples the examples folder; none (null, or a folder that does not exist) compares no example */
    static Diff of(PackEngine engine, Path examples, String call, String from, String to) {
        if (from == null) throw new ApiError(400, "required", "from", "query parameter 'from' (a version of the call) is required");
        if (to == null) throw new ApiError(400, "required", "to", "query parameter 'to' (a version of the call) is required");
        version(engine, call, from, "from");
        version(engine, call, to, "to");
        boolean any = examples != null && Files.isDirectory(examples);
        VersionDiff diff = VersionDiff.of(engine, any ? Example.all(examples) : List.of(), any ? RoundExample.all(examples) : List.of(),
                call, from, to);
        return new Diff(call, from, to, diff.compared(), diff.changes().stream()
                .map(c -> new ChangeView(c.example().name(), Side.of(c.before()), Side.of(c.after()), c.verdictChanged(),
                        c.changedRules(), c.financingChanged()))
                .toList(),
                diff.comparedRounds(), diff.roundChanges().stream()
                .map(c -> new RoundChangeView(c.example().name(), RoundSide.of(c.before()), RoundSide.of(c.after()), c.verdictChanged(),
                        c.changedRules(), c.selectionChanged(), c.changedProposals()))
                .toList());
    }

    /** A version that does not exist is a 404 naming the parameter that named it. */
    private static void version(PackEngine engine, String call, String version, String parameter) {
        try {
            engine.packs().select(call, version, null);
        } catch (UnknownCallException e) {
            if (!"unknown_version".equals(e.code())) throw e;
            throw new ApiError(404, e.code(), parameter, e.getMessage());
        }
    }
}
