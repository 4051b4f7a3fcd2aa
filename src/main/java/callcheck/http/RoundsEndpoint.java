package callcheck.http;

import callcheck.internal.engine.PackEngine;
import callcheck.internal.engine.PackSet;
import callcheck.internal.model.Json;
import callcheck.round.Decisions;
import callcheck.round.RoundReader;
import callcheck.round.RoundRequest;
import callcheck.round.RoundResult;
import callcheck.round.Rounds;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.concurrent.Semaphore;

/**
 * POST /v1/calls/{call}/rounds: reads a round strictly (proposals inline or by decisionId), checks it with the
 * call-level rules and proposes the best selection; logs one line per round.
 */
final class RoundsEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(RoundsEndpoint.class);

    private final PackEngine engine;
    private final Decisions decisions;
    private final Semaphore evaluating;

    RoundsEndpoint(PackEngine engine, Decisions decisions, Semaphore evaluating) {
        this.engine = engine;
        this.decisions = decisions;
        this.evaluating = evaluating;
    }

    void check(Context ctx) {
        long start = System.nanoTime();
        RequestChecks.onlyParameters(ctx, Set.of());
        RequestChecks.requireJson(ctx);
        RequestChecks.requireDeclaredLengthWithinLimit(ctx, RequestChecks.MAX_ROUND_BODY_BYTES);
        String call = ctx.pathParam("call");
        PackSet packs = engine.packs();
        packs.versions(call); // an unknown call is known before the body
        RoundRequest request = RoundReader.read(RequestChecks.body(ctx, RequestChecks.MAX_ROUND_BODY_BYTES));
        RoundResult result;
        // A round is many evaluations and a search: it takes one of the evaluation slots, so that rounds and single
        // evaluations share the processors as evaluations do among themselves.
        evaluating.acquireUninterruptibly();
        try {
            result = Rounds.check(packs, call, request, decisions);
        } finally {
            evaluating.release();
        }
        long tenths = (System.nanoTime() - start) / 100_000;
        LOG.info("round call {} version {} proposals {} selected {} findings {} proposed {} in {}.{} ms", result.call(), result.version(),
                result.proposals().size(), result.totals().selected(), result.findings().size(),
                result.proposedSelection() == null ? "none" : result.proposedSelection().ids().size(), tenths / 10, tenths % 10);
        try {
            byte[] json = Json.output().writeValueAsBytes(result);
            ctx.contentType(ContentType.APPLICATION_JSON);
            ctx.res().setContentLength(json.length);
            ctx.outputStream().write(json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the round", e);
        }
    }
}
