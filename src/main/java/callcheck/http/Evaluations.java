package callcheck.http;

import callcheck.engine.Engine;
import callcheck.engine.PackSet;
import callcheck.engine.Verdict;
import callcheck.model.Proposal;
import callcheck.model.ProposalReader;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Set;

/**
 * POST /v1/calls/{call}/evaluations: checks the request before reading it (JSON, size, call and pinned version),
 * reads the proposal strictly, evaluates it and logs one line per verdict.
 */
final class Evaluations {
    private static final Logger LOG = LoggerFactory.getLogger(Evaluations.class);
    private static final Set<String> PARAMETERS = Set.of("version");

    private final Engine engine;
    private final Metrics metrics;

    Evaluations(Engine engine, Metrics metrics) {
        this.engine = engine;
        this.metrics = metrics;
    }

    void evaluate(Context ctx) {
        long start = System.nanoTime();
        RequestChecks.onlyParameters(ctx, PARAMETERS);
        RequestChecks.requireJson(ctx);
        RequestChecks.requireDeclaredLengthWithinLimit(ctx);
        String call = ctx.pathParam("call");
        String version = ctx.queryParam("version");
        // An unknown call or version is known before the body: no need to read it.
        PackSet packs = engine.packs();
        packs.versions(call);
        if (version != null) packs.select(call, version, null);

        Proposal proposal = ProposalReader.read(ctx.bodyAsBytes()); // bounded by the server's max request size
        Verdict v = engine.evaluate(call, version, proposal);
        long nanos = System.nanoTime() - start;
        metrics.verdict(v, Duration.ofNanos(nanos));
        long tenths = nanos / 100_000; // milliseconds to one decimal, without a Formatter per request
        LOG.info("decision {} call {} version {} verdict {} findings {} in {}.{} ms", v.decisionId(), v.call(), v.version(),
                v.verdict(), v.findings().size(), tenths / 10, tenths % 10);
        ctx.json(v);
    }
}
