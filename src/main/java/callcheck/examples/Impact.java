package callcheck.examples;

import callcheck.engine.EngineBusyException;
import callcheck.engine.Finding;
import callcheck.engine.FinancingPlan;
import callcheck.engine.Verdict;
import callcheck.json.Json;
import callcheck.model.Proposal;
import callcheck.model.ProposalReader;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * The impact of a pack on recorded decisions: each decision's proposal evaluated again on the target, compared with
 * the verdict as it was answered. Decisions are handed in one at a time ({@link #accept}) and replayed in parallel
 * on at most {@code parallel} threads; only counts and one bounded page of changed decisions are kept, so that the
 * memory does not grow with the number of decisions. Knows nothing of where the decisions come from.
 */
public final class Impact implements AutoCloseable {
    private static final ObjectReader VERDICT = Json.output().readerFor(Verdict.class).with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    /** A replay refused for want of a slot is tried again this many times before it counts as failed. */
    private static final int BUSY_TRIES = 5;
    /** How many decisions between two calls of the progress consumer, unless told otherwise. */
    public static final int PROGRESS_EVERY = 1000;

    /** One recorded decision: its id, the proposal as read (null once erased), the verdict JSON as answered. */
    public record Recorded(String id, String proposalJson, String verdictJson) {
    }

    public record Transition(String from, String to, long count) {
    }

    public record RuleCount(String rule, long added, long removed) {
    }

    /** The allowed subsidy summed over the decisions replayed (a verdict without a plan counts 0). */
    public record Financing(BigDecimal maxSubsidyBefore, BigDecimal maxSubsidyAfter) {
    }

    /** Decisions not replayed: their proposal erased by the retention, or their replay failed (timeout, busy, error). */
    public record Skipped(long proposalErased, long failed) {
    }

    /** A decision whose verdict, findings or financing differ; the rules that find something now and did not, and back. */
    @JsonPropertyOrder({"decisionId", "from", "to", "rulesAdded", "rulesRemoved"})
    public record Changed(String decisionId, String from, String to, List<String> rulesAdded, List<String> rulesRemoved) {
    }

    /**
     * What the run found: {@code decisions} counts every decision handed in (skipped ones too); transitions count
     * every decision replayed, unchanged ones as X to X; {@code changedDecisions} the page asked for, oldest first,
     * {@code nextAfterId} the last id of the page when more changed decisions follow (else null).
     */
    public record Result(long decisions, long changed, Skipped skipped, List<Transition> transitions, List<RuleCount> rules,
                         Financing financing, List<Changed> changedDecisions, String nextAfterId) {
    }

    private final Function<Proposal, Verdict> replay;
    private final String after;
    private final int limit;
    private final LongConsumer progress;
    private final int progressEvery;
    private final ExecutorService workers;
    private final Semaphore inFlight;

    private final AtomicLong decisions = new AtomicLong();
    private final AtomicLong handled = new AtomicLong();
    private final AtomicLong changed = new AtomicLong();
    private final AtomicLong erased = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Map<String, long[]> transitions = new TreeMap<>(); // "from\tto" -> count
    private final Map<String, long[]> rules = new TreeMap<>(); // rule -> {added, removed}
    private BigDecimal before = BigDecimal.ZERO;
    private BigDecimal afterTotal = BigDecimal.ZERO;
    private final TreeSet<Changed> page = new TreeSet<>(Comparator.comparing(Changed::decisionId));
    /** Why the run stopped before its end (the progress consumer failed: the client left), or null. */
    private volatile java.util.concurrent.CancellationException stopped;

    /**
     * @param replay   evaluates a proposal on the target pack (within the engine's limits: it may throw busy)
     * @param parallel how many replays run at once (the evaluation slots)
     * @param after    the page of changed decisions starts after this id (null: from the oldest)
     * @param limit    how many changed decisions the page holds
     * @param progress told how many decisions are done every {@value #PROGRESS_EVERY}; may be null. When it throws
     *                 (an answer's write failed: the client left), the run stops: {@link #accept} and {@link #finish}
     *                 throw {@link java.util.concurrent.CancellationException}, and the replays not started are dropped
     */
    public Impact(Function<Proposal, Verdict> replay, int parallel, String after, int limit, LongConsumer progress) {
        this(replay, parallel, after, limit, progress, PROGRESS_EVERY);
    }

    /**
     * As {@link #Impact(Function, int, String, int, LongConsumer)}, telling progress every {@code progressEvery} decisions.
     *
     * @param replay        evaluates a proposal on the target pack
     * @param parallel      how many replays run at once
     * @param after         the page of changed decisions starts after this id (null: from the oldest)
     * @param limit         how many changed decisions the page holds
     * @param progress      told how many decisions are done; may be null
     * @param progressEvery how many decisions between two calls of {@code progress}, at least 1
     */
    public Impact(Function<Proposal, Verdict> replay, int parallel, String after, int limit, LongConsumer progress, int progressEvery) {
        if (progressEvery < 1) throw new IllegalArgumentException("progressEvery must be at least 1, not " + progressEvery);
        this.progressEvery = progressEvery;
        if (parallel < 1) throw new IllegalArgumentException("parallel must be at least 1, not " + parallel);
        this.replay = replay;
        this.after = after;
        this.limit = limit;
        this.progress = progress;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "callcheck-impact-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        // A few queued per thread keeps them busy; more would only hold decisions in memory.
        this.inFlight = new Semaphore(parallel * 4);
    }

    /**
     * Hands in one decision; blocks while enough are queued.
     *
     * @throws java.util.concurrent.CancellationException the run stopped (see the constructor's {@code progress})
     */
    public void accept(Recorded d) {
        if (stopped != null) throw stopped;
        decisions.incrementAndGet();
        if (d.proposalJson() == null) {
            erased.incrementAndGet();
            done();
            return;
        }
        inFlight.acquireUninterruptibly();
        try {
            workers.execute(() -> {
                try {
                    replayOne(d);
                } finally {
                    inFlight.release();
                    done();
                }
            });
        } catch (RuntimeException e) {
            inFlight.release();
            throw e;
        }
    }

    /**
     * Waits for every replay handed in, then answers what they found.
     *
     * @throws java.util.concurrent.CancellationException the run stopped (see the constructor's {@code progress})
     */
    public Result finish() {
        if (stopped != null) throw stopped;
        workers.shutdown();
        try {
            while (!workers.awaitTermination(1, TimeUnit.SECONDS)) {
                // keep waiting: every replay runs within the engine's time budget
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the replays ran", e);
        }
        if (stopped != null) throw stopped;
        synchronized (this) {
            List<Transition> ts = new ArrayList<>();
            transitions.forEach((k, v) -> ts.add(new Transition(k.substring(0, k.indexOf('\t')), k.substring(k.indexOf('\t') + 1), v[0])));
            List<RuleCount> rs = new ArrayList<>();
            rules.forEach((k, v) -> rs.add(new RuleCount(k, v[0], v[1])));
            List<Changed> shown = page.stream().limit(limit).toList();
            String next = page.size() > limit ? shown.get(shown.size() - 1).decisionId() : null;
            return new Result(decisions.get(), changed.get(), new Skipped(erased.get(), failed.get()), ts, rs,
                    new Financing(before, afterTotal), shown, next);
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }

    private void done() {
        long n = handled.incrementAndGet();
        if (progress == null || n % progressEvery != 0 || stopped != null) return;
        try {
            progress.accept(n);
        } catch (RuntimeException e) {
            // Nobody reads the answer any more: replaying the rest would only take the evaluation slots from others.
            java.util.concurrent.CancellationException c = new java.util.concurrent.CancellationException("the run stopped: " + e.getMessage());
            c.initCause(e);
            stopped = c;
        }
    }

    private void replayOne(Recorded d) {
        if (stopped != null) return;
        Verdict was;
        Verdict now;
        try {
            was = VERDICT.readValue(d.verdictJson());
            Proposal p = ProposalReader.read(d.proposalJson());
            now = withRetries(p);
            // read back as the recorded one was, so that values compare as they would be answered
            now = VERDICT.readValue(Json.output().writeValueAsString(now));
        } catch (Exception e) {
            failed.incrementAndGet();
            return;
        }
        VerdictChange change = new VerdictChange(was, now);
        Set<String> rulesBefore = ruleIds(was);
        Set<String> rulesNow = ruleIds(now);
        List<String> added = rulesNow.stream().filter(r -> !rulesBefore.contains(r)).toList();
        List<String> removed = rulesBefore.stream().filter(r -> !rulesNow.contains(r)).toList();
        synchronized (this) {
            transitions.computeIfAbsent(was.verdict() + "\t" + now.verdict(), k -> new long[1])[0]++;
            for (String r : added) rules.computeIfAbsent(r, k -> new long[2])[0]++;
            for (String r : removed) rules.computeIfAbsent(r, k -> new long[2])[1]++;
            before = before.add(maxSubsidy(was.financing()));
            afterTotal = afterTotal.add(maxSubsidy(now.financing()));
            if (!change.none()) {
                changed.incrementAndGet();
                if (after == null || d.id().compareTo(after) > 0) {
                    page.add(new Changed(d.id(), was.verdict().name(), now.verdict().name(), added, removed));
                    if (page.size() > limit + 1) page.pollLast();
                }
            }
        }
    }

    private Verdict withRetries(Proposal p) {
        for (int attempt = 1; ; attempt++) {
            try {
                return replay.apply(p);
            } catch (EngineBusyException e) {
                if (attempt == BUSY_TRIES) throw e;
            }
        }
    }

    private static Set<String> ruleIds(Verdict v) {
        Set<String> ids = new TreeSet<>();
        for (Finding f : v.findings()) ids.add(f.rule());
        return ids;
    }

    private static BigDecimal maxSubsidy(FinancingPlan plan) {
        return plan == null || plan.maxSubsidy() == null ? BigDecimal.ZERO : plan.maxSubsidy();
    }
}
