package callcheck.http;

import callcheck.engine.EvaluationTimeoutException;
import callcheck.evaluation.PackEngine;
import callcheck.evaluation.PackSet;
import callcheck.engine.Verdict;
import callcheck.model.Proposal;
import callcheck.model.ProposalReader;
import callcheck.pack.RulePack;
import callcheck.store.Decision;
import callcheck.store.DecisionStore;
import callcheck.store.Pack;
import callcheck.store.TokenScope;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * POST /v1/calls/{call}/evaluations: checks the request before reading it (JSON, size, call and pinned version),
 * reads the proposal strictly, evaluates it, records the decision (when there is a store: the answer goes out only
 * once the record is committed) and logs one line per verdict.
 */
final class Evaluations {
    private static final Logger LOG = LoggerFactory.getLogger(Evaluations.class);
    private static final Set<String> PARAMETERS = Set.of("version");

    private final PackEngine engine;
    private final Metrics metrics;
    private final DecisionStore store;
    private final Tokens tokens;
    private final boolean requireToken;
    private final Idempotency idempotency;

    /**
     * @param store  where decisions are recorded, or null to record none
     * @param tokens the store's tokens, null without a store; {@code requireToken} needs them
     */
    Evaluations(PackEngine engine, Metrics metrics, DecisionStore store, Tokens tokens, boolean requireToken) {
        this.engine = engine;
        this.metrics = metrics;
        this.store = store;
        this.tokens = tokens;
        this.requireToken = requireToken;
        this.idempotency = new Idempotency(store, id -> store.find(id).map(Decision::verdictJson));
    }

    void evaluate(Context ctx) {
        try (MemoryBudget.Reservation memory = MemoryBudget.HEAP.open()) {
            evaluate(ctx, memory);
        }
    }

    /** @param memory what the proposal and its verdict cost, reserved before the body is read */
    private void evaluate(Context ctx, MemoryBudget.Reservation memory) {
        long start = System.nanoTime();
        Instant received = Instant.now();
        String askedBy = tokens == null ? null : requireToken ? tokens.require(ctx, TokenScope.EVALUATE) : tokens.optional(ctx);
        RequestChecks.onlyParameters(ctx, PARAMETERS);
        RequestChecks.requireJson(ctx);
        RequestChecks.requireDeclaredLengthWithinLimit(ctx, RequestChecks.MAX_BODY_BYTES);
        String idempotencyHeader = Idempotency.header(ctx);
        String call = ctx.pathParam("call");
        String version = ctx.queryParam("version");
        // An unknown call or version is known before the body: no need to read it.
        PackSet packs = engine.packs();
        packs.versions(call);
        if (version != null) packs.select(call, version, null);

        memory.accept(MemoryBudget.BYTES_PER_VERDICT);
        byte[] body = RequestChecks.body(ctx, RequestChecks.MAX_BODY_BYTES, memory);
        DecisionStore.IdempotencyKey key = idempotency.key(ctx, idempotencyHeader, askedBy, body);
        if (idempotency.answeredBefore(ctx, key)) return;
        Proposal proposal = ProposalReader.read(body);
        // The pack chosen here is the one that decides, so that the record archives exactly it. The engine bounds the
        // evaluations at once, the wait for a slot and the time of each (EvaluationLimits).
        packs = engine.packs();
        RulePack pack = packs.select(call, version, proposal.getSubmittedOn());
        Verdict v;
        try {
            v = engine.evaluate(packs, pack, proposal);
        } catch (EvaluationTimeoutException e) {
            metrics.timeout(e);
            throw e;
        }
        byte[] json = CanonicalJson.verdict(v);
        long nanos = System.nanoTime() - start;
        if (store != null) {
            DecisionStore.IdempotencyKey recorded = key == null ? null : key.answering(v.decisionId());
            DecisionStore.IdempotencyKey held = store.record(new Decision(v.decisionId(), received, askedBy, v.call(), v.version(), v.digest(),
                    v.verdict().name(), nanos / 1_000, CanonicalJson.proposal(proposal), new String(json, StandardCharsets.UTF_8)),
                    Pack.of(pack), recorded);
            if (idempotency.answeredByOther(ctx, recorded, held)) return;
        }
        metrics.verdict(v, Duration.ofNanos(nanos));
        long tenths = nanos / 100_000; // milliseconds to one decimal, without a Formatter per request
        LOG.info("decision {} call {} version {} verdict {} findings {} in {}.{} ms", v.decisionId(), v.call(), v.version(),
                v.verdict(), v.findings().size(), tenths / 10, tenths % 10);
        CanonicalJson.respond(ctx, json);
    }
}
