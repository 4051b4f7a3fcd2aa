package callcheck.http;

import callcheck.engine.EvaluationTimeoutException;
import callcheck.evaluation.PackEngine;
import callcheck.evaluation.PackSet;
import callcheck.evaluation.Ulid;
import callcheck.json.Json;
import callcheck.pack.RulePack;
import callcheck.round.Decisions;
import callcheck.round.RoundReader;
import callcheck.round.RoundRequest;
import callcheck.engine.RoundResult;
import callcheck.round.Rounds;
import callcheck.store.Decision;
import callcheck.store.DecisionStore;
import callcheck.store.Pack;
import callcheck.store.RoundJson;
import callcheck.store.RoundRecord;
import callcheck.store.TokenScope;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * POST /v1/calls/{call}/rounds: reads a round strictly (proposals inline or by decisionId), checks it with the
 * call-level rules and proposes the best selection; logs one line per round. With a store, the round and the
 * decisions on its inline proposals are recorded before the answer goes out, and GET /v1/rounds/{roundId} reads the
 * round back.
 */
final class RoundsEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(RoundsEndpoint.class);

    private final PackEngine engine;
    private final Metrics metrics;
    private final Decisions decisions;
    private final DecisionStore store;
    private final Tokens tokens;
    private final boolean requireToken;
    private final Idempotency idempotency;

    /** @param store where rounds are recorded, or null to record none; {@code tokens} are its tokens (null without) */
    RoundsEndpoint(PackEngine engine, Metrics metrics, Decisions decisions, DecisionStore store, Tokens tokens, boolean requireToken) {
        this.engine = engine;
        this.metrics = metrics;
        this.decisions = decisions;
        this.store = store;
        this.tokens = tokens;
        this.requireToken = requireToken;
        this.idempotency = new Idempotency(store, id -> store.findRound(id).map(RoundRecord::resultJson));
    }

    void check(Context ctx) {
        try (MemoryBudget.Reservation memory = MemoryBudget.HEAP.open()) {
            check(ctx, memory);
        }
    }

    /** @param memory charged as the round is read, token by token, and for the verdicts of its proposals */
    private void check(Context ctx, MemoryBudget.Reservation memory) {
        long start = System.nanoTime();
        Instant received = Instant.now();
        String askedBy = tokens == null ? null : requireToken ? tokens.require(ctx, TokenScope.EVALUATE) : tokens.optional(ctx);
        RequestChecks.onlyParameters(ctx, Set.of());
        RequestChecks.requireJson(ctx);
        RequestChecks.requireDeclaredLengthWithinLimit(ctx, RequestChecks.MAX_ROUND_BODY_BYTES);
        String idempotencyHeader = Idempotency.header(ctx);
        String call = ctx.pathParam("call");
        PackSet packs = engine.packs();
        packs.versions(call); // an unknown call is known before the body
        // Read as a stream (never held whole), hashed on the way for the Idempotency-Key.
        MessageDigest digest = Idempotency.digest(ctx);
        InputStream body = new DigestInputStream(RequestChecks.stream(ctx, RequestChecks.MAX_ROUND_BODY_BYTES), digest);
        RoundRequest request;
        try {
            request = RoundReader.read(body, memory);
            body.transferTo(OutputStream.nullOutputStream()); // what may follow the JSON counts in the hash too
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            memory.close(); // the refusal holds none of it
            BodyReader.drain(body);
            throw e;
        }
        DecisionStore.IdempotencyKey key = idempotency.key(askedBy, idempotencyHeader, digest);
        if (idempotency.answeredBefore(ctx, key)) return;
        // inline or recorded, each proposal gets a verdict, its JSON and (inline) a record
        memory.accept((long) request.proposals().size() * MemoryBudget.BYTES_PER_VERDICT);
        // Each proposal given inline is evaluated as a single evaluation is: within the engine's slots and time budget;
        // the search for the best selection takes a slot too, for the round budget at most.
        Rounds.Checked checked;
        try {
            checked = Rounds.checked(packs, call, null, request, decisions, (pack, p) -> engine.evaluate(packs, pack, p), engine.evaluator());
        } catch (EvaluationTimeoutException e) {
            metrics.timeout(e);
            throw e;
        }
        RoundResult result = checked.result();
        long micros = (System.nanoTime() - start) / 1_000;
        if (store != null) {
            result = result.withRoundId(Ulid.next());
            DecisionStore.IdempotencyKey recorded = key == null ? null : key.answering(result.roundId());
            if (idempotency.answeredByOther(ctx, recorded, record(checked, result, request, received, askedBy, micros, recorded))) return;
        }
        LOG.info("round {} call {} version {} proposals {} selected {} findings {} proposed {} in {}.{} ms", result.roundId(), result.call(),
                result.version(), result.proposals().size(), result.totals().selected(), result.findings().size(),
                result.proposedSelection() == null ? "none" : result.proposedSelection().ids().size(), micros / 1000, micros % 1000 / 100);
        CanonicalJson.respond(ctx, json(result));
    }

    /** GET /v1/rounds/{roundId}: a recorded round, its request as read and its answer as given; needs a token with read. */
    void show(Context ctx) {
        tokens.require(ctx, TokenScope.READ);
        RequestChecks.onlyParameters(ctx, Set.of());
        String id = ctx.pathParam("roundId");
        RoundRecord round = store.findRound(id).orElseThrow(() -> new ApiError(404, "unknown_round", "roundId", "no round '" + id + "' is recorded"));
        ctx.json(RoundJson.of(round));
    }

    /** Records the round under the key (or none); returns the key as the store holds it (DecisionStore#recordRound). */
    private DecisionStore.IdempotencyKey record(Rounds.Checked checked, RoundResult result, RoundRequest request, Instant received,
                                                String askedBy, long micros, DecisionStore.IdempotencyKey key) {
        RulePack pack = checked.pack();
        List<Decision> evaluated = new ArrayList<>();
        for (Rounds.Evaluated e : checked.evaluated()) {
            evaluated.add(new Decision(e.verdict().decisionId(), received, askedBy, e.verdict().call(), e.verdict().version(),
                    e.verdict().digest(), e.verdict().verdict().name(), e.tookMicros(), CanonicalJson.proposal(e.proposal()),
                    new String(CanonicalJson.verdict(e.verdict()), StandardCharsets.UTF_8)));
        }
        return store.recordRound(new RoundRecord(result.roundId(), received, askedBy, result.call(), result.version(), result.digest(), micros,
                        new String(json(requestAsRead(request)), StandardCharsets.UTF_8), new String(json(result), StandardCharsets.UTF_8)),
                evaluated, Pack.of(pack), key);
    }

    /** The round as read: each inline proposal as its canonical JSON, the scores in the order of their ids. */
    private record RequestAsRead(List<EntryAsRead> proposals, List<String> selected, TreeMap<String, BigDecimal> scores) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record EntryAsRead(String id, @JsonRawValue String proposal, String decisionId) {
    }

    private static RequestAsRead requestAsRead(RoundRequest r) {
        return new RequestAsRead(r.proposals().stream().map(e -> new EntryAsRead(e.id(),
                e.proposal() == null ? null : CanonicalJson.proposal(e.proposal()), e.decisionId())).toList(),
                r.selected(), r.scores() == null ? null : new TreeMap<>(r.scores()));
    }

    private static byte[] json(Object value) {
        try {
            return Json.output().writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the round", e);
        }
    }
}
