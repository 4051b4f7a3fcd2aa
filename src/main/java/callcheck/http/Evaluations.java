package callcheck.http;

import callcheck.internal.engine.PackEngine;

import callcheck.internal.engine.PackEngine;
import callcheck.internal.engine.PackSet;
import callcheck.engine.Verdict;
import callcheck.model.Proposal;
import callcheck.model.ProposalReader;
import callcheck.internal.model.Json;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Semaphore;

/**
 * POST /v1/calls/{call}/evaluations: checks the request before reading it (JSON, size, call and pinned version),
 * reads the proposal strictly, evaluates it and logs one line per verdict.
 */
final class Evaluations {
    private static final Logger LOG = LoggerFactory.getLogger(Evaluations.class);
    private static final Set<String> PARAMETERS = Set.of("version");
    private static final ObjectWriter VERDICT_WRITER = Json.output().writerFor(Verdict.class);

    private final PackEngine engine;
    private final Metrics metrics;
    /** Shared with the rounds: at most one evaluation per processor at a time ({@link HttpServer}). */
    private final Semaphore evaluating;

    Evaluations(PackEngine engine, Metrics metrics, Semaphore evaluating) {
        this.engine = engine;
        this.metrics = metrics;
        this.evaluating = evaluating;
    }

    void evaluate(Context ctx) {
        long start = System.nanoTime();
        RequestChecks.onlyParameters(ctx, PARAMETERS);
        RequestChecks.requireJson(ctx);
        RequestChecks.requireDeclaredLengthWithinLimit(ctx, RequestChecks.MAX_BODY_BYTES);
        String call = ctx.pathParam("call");
        String version = ctx.queryParam("version");
        // An unknown call or version is known before the body: no need to read it.
        PackSet packs = engine.packs();
        packs.versions(call);
        if (version != null) packs.select(call, version, null);

        Proposal proposal = ProposalReader.read(RequestChecks.body(ctx, RequestChecks.MAX_BODY_BYTES));
        Verdict v;
        evaluating.acquireUninterruptibly();
        try {
            v = engine.evaluate(call, version, proposal);
        } finally {
            evaluating.release();
        }
        long nanos = System.nanoTime() - start;
        metrics.verdict(v, Duration.ofNanos(nanos));
        long tenths = nanos / 100_000; // milliseconds to one decimal, without a Formatter per request
        LOG.info("decision {} call {} version {} verdict {} findings {} in {}.{} ms", v.decisionId(), v.call(), v.version(),
                v.verdict(), v.findings().size(), tenths / 10, tenths % 10);
        respond(ctx, v);
    }

    /**
     * Writes the verdict as JSON bytes straight to the response: {@code ctx.json} would make a String, then bytes,
     * then copy them through a 32 KB buffer allocated for each response.
     */
    private static void respond(Context ctx, Verdict v) {
        try {
            byte[] json = VERDICT_WRITER.writeValueAsBytes(v);
            ctx.contentType(ContentType.APPLICATION_JSON);
            ctx.res().setContentLength(json.length);
            ctx.outputStream().write(json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the verdict", e);
        }
    }
}
