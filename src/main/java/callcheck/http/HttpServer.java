package callcheck.http;

import callcheck.internal.engine.PackEngine;

import callcheck.internal.engine.PackEngine;
import callcheck.internal.model.Json;
import callcheck.engine.CompileError;
import callcheck.round.Decisions;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import io.javalin.router.Endpoint;
import org.eclipse.jetty.server.handler.GracefulHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;

/**
 * The HTTP service over an {@link PackEngine}: the endpoints of ../shared/API.md on Javalin. Built from an engine (whose
 * packs a reload may swap) and the pack folders that failed to compile; {@link #start} returns the bound port.
 * {@link #stop} is graceful: it stops accepting and lets the requests in flight finish.
 *
 * <pre>{@code
 * HttpServer server = new HttpServer(engine, report.failures());
 * int port = server.start(0);   // 0: any free port
 * }</pre>
 */
public final class HttpServer {
    /** How long a stop waits for the requests in flight. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final String OPENAPI_RESOURCE = "/callcheck/http/openapi.json";

    private final PackEngine engine;
    private final Health health;
    private final Metrics metrics = new Metrics();
    private final byte[] openApi = resource(OPENAPI_RESOURCE);
    /**
     * At most one evaluation (or round) per processor at a time; the other request threads wait their turn here.
     * Sixteen evaluations sliced over two cores evict each other's caches: with the limit the same load took 0.83 to
     * 0.91 of the CPU per evaluation (BENCHMARKS.md).
     */
    private final Semaphore evaluating = new Semaphore(Runtime.getRuntime().availableProcessors());
    private Decisions decisions = Decisions.NONE;
    private Javalin app;
    private volatile GracefulHandler graceful;

    public HttpServer(PackEngine engine, Map<String, List<CompileError>> loadFailures) {
        this.engine = engine;
        this.health = new Health(engine, loadFailures);
    }

    /** Where rounds find the proposals they name by decisionId; none until set. Call before {@link #start}. */
    public synchronized HttpServer decisions(Decisions decisions) {
        if (app != null) throw new IllegalStateException("already started");
        this.decisions = decisions;
        return this;
    }

    /** Listens on every interface; port 0 takes a free port. Returns the port bound. */
    public int start(int port) {
        return start("0.0.0.0", port);
    }

    public synchronized int start(String host, int port) {
        if (app != null) throw new IllegalStateException("already started");
        app = Javalin.create(this::configure).start(host, port);
        return app.port();
    }

    /** Stops accepting, waits up to {@link #STOP_TIMEOUT} for the requests in flight, then stops. */
    public synchronized void stop() {
        if (app != null) app.stop();
    }

    /** The readiness the service reports; a reload updates its failures. */
    public Health health() {
        return health;
    }

    /** Requests being handled now. */
    public long inFlight() {
        return graceful == null ? 0 : graceful.getCurrentRequestCount();
    }

    private void configure(JavalinConfig config) {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        // The largest body of any endpoint; each endpoint reads its own with its own limit (RequestChecks.body).
        config.http.maxRequestSize = RequestChecks.MAX_ROUND_BODY_BYTES;
        config.http.prefer405over404 = true;
        config.jsonMapper(new JavalinJackson(Json.output(), false));
        config.jetty.modifyServer(server -> {
            graceful = new GracefulHandler();
            server.insertHandler(graceful);
            server.setStopTimeout(STOP_TIMEOUT.toMillis());
            server.setErrorHandler(new JettyErrors());
        });
        config.requestLogger.http((ctx, ms) -> metrics.request(ctx.method().name(), route(ctx), ctx.statusCode(),
                Duration.ofNanos((long) (ms * 1_000_000))));
        ErrorMapping.register(config);

        Evaluations evaluations = new Evaluations(engine, metrics, evaluating);
        config.routes.post("/v1/calls/{call}/evaluations", evaluations::evaluate);
        config.routes.post("/v1/calls/{call}/rounds", new RoundsEndpoint(engine, decisions, evaluating)::check);
        config.routes.get("/v1/calls", ctx -> {
            RequestChecks.onlyParameters(ctx, Set.of());
            ctx.json(Listings.calls(engine.packs()));
        });
        config.routes.get("/v1/calls/{call}", ctx -> {
            RequestChecks.onlyParameters(ctx, Set.of());
            ctx.json(Listings.call(engine.packs(), ctx.pathParam("call")));
        });
        config.routes.get("/v1/calls/{call}/rules", ctx -> {
            RequestChecks.onlyParameters(ctx, Set.of("version"));
            ctx.json(Listings.rules(engine.packs(), ctx.pathParam("call"), ctx.queryParam("version")));
        });
        config.routes.get("/v1/reference/regions", ctx -> {
            RequestChecks.onlyParameters(ctx, Set.of("date"));
            ctx.json(Listings.regions(engine.packs(), dateParameter(ctx.queryParam("date"))));
        });
        config.routes.get("/health", ctx -> {
            Health.Report report = health.report();
            ctx.status(Health.READY.equals(report.status()) ? 200 : 503).json(report);
        });
        config.routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
        config.routes.get("/metrics", ctx -> ctx.contentType(Metrics.CONTENT_TYPE).result(metrics.scrape()));
    }

    /** A {@code ?date=} query parameter; today when absent. */
    private static java.time.LocalDate dateParameter(String date) {
        if (date == null) return java.time.LocalDate.now();
        try {
            return java.time.LocalDate.parse(date);
        } catch (java.time.format.DateTimeParseException e) {
            throw new ApiError(400, "invalid_parameter", "date", "'" + date + "' is not a date as YYYY-MM-DD");
        }
    }

    /** The endpoint's path template, so that the metrics have one series per endpoint, not per call id or typo. */
    private static String route(Context ctx) {
        try {
            Endpoint e = ctx.endpoints().matchedHttpEndpoint();
            return e == null ? Metrics.UNMATCHED : e.path;
        } catch (RuntimeException e) {
            return Metrics.UNMATCHED;
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = HttpServer.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException(name + " is missing from the jar");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
