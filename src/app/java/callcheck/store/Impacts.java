package callcheck.store;

import callcheck.evaluation.PackEngine;
import callcheck.examples.Impact;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.function.LongConsumer;

/**
 * The impact of a pack on the recorded decisions of a call (../shared/API.md "Impact of a version on recorded
 * decisions"): every decision in the filter's window streamed from the store, oldest first, and replayed on the pack
 * of a version or a digest ({@link Impact}), as many at once as the engine has evaluation slots (at most one per
 * processor). One place for the service and the command line.
 */
public final class Impacts {
    private Impacts() {
    }

    /** The pack replayed on. */
    public record Against(String version, String digest) {
    }

    /** The answer as the contract shows it; {@code next} is the id after which the next page starts (null: none). */
    @JsonPropertyOrder({"call", "against", "decisions", "changed", "skipped", "transitions", "rules", "financing", "changedDecisions", "next"})
    public record Report(String call, Against against, long decisions, long changed, Impact.Skipped skipped,
                         List<Impact.Transition> transitions, List<Impact.RuleCount> rules, Impact.Financing financing,
                         List<Impact.Changed> changedDecisions, String next) {
        public Report withNext(String cursor) {
            return new Report(call, against, decisions, changed, skipped, transitions, rules, financing, changedDecisions, cursor);
        }
    }

    /**
     * Replays the call's decisions that {@code filter} takes (its call is set to {@code call}) on the pack of
     * {@code version} or {@code digest} (an archived one compiled by {@code replays}, which keeps it for the next run);
     * the page of changed decisions starts after {@code after} and holds {@code limit}.
     *
     * @throws Replays.NotReplayable                   no pack has the digest, or it is of another call
     * @throws callcheck.engine.UnknownCallException no such call or version
     */
    public static Report run(DecisionStore store, PackEngine engine, Replays replays, String call, String version, String digest,
                             Filter filter, String after, int limit, LongConsumer progress) {
        return run(store, engine, replays.target(call, version, digest), call, filter, after, limit, progress, Impact.PROGRESS_EVERY);
    }

    /**
     * As {@link #run(DecisionStore, PackEngine, Replays, String, String, String, Filter, String, int, LongConsumer)}, on
     * a pack given, telling {@code progress} every {@code progressEvery} decisions.
     */
    public static Report run(DecisionStore store, PackEngine engine, Replays.Target target, String call, Filter filter, String after, int limit,
                             LongConsumer progress, int progressEvery) {
        int slots = Math.min(engine.evaluator().limits().slots(), Runtime.getRuntime().availableProcessors());
        Filter window = window(call, filter);
        Impact.Result r;
        try (Impact impact = new Impact(p -> engine.evaluateWithin(target.pack(), target.reference(), p), slots, after, limit, progress,
                progressEvery)) {
            store.export(window, false, d -> impact.accept(new Impact.Recorded(d.id(), d.proposalJson(), d.verdictJson())));
            r = impact.finish();
        }
        return new Report(call, new Against(target.pack().version(), target.pack().digest()), r.decisions(), r.changed(), r.skipped(),
                r.transitions(), r.rules(), r.financing(), r.changedDecisions(), r.nextAfterId());
    }

    /** How many decisions a run over the window hands in (erased ones too): read as summaries, without their JSON. */
    public static long count(DecisionStore store, String call, Filter filter) {
        long[] n = {0};
        store.export(window(call, filter), true, d -> n[0]++);
        return n[0];
    }

    /** The filter's window over every version of the call. */
    private static Filter window(String call, Filter filter) {
        return new Filter(call, null, filter.verdict(), filter.from(), filter.to());
    }
}
