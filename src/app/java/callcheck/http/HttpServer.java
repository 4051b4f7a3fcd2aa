package callcheck.http;

import callcheck.evaluation.PackEngine;
import callcheck.json.Json;
import callcheck.engine.CompileError;
import callcheck.web.WebPages;
import callcheck.store.DecisionStore;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import io.javalin.router.Endpoint;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    /**
     * How long a connection may send nothing: a body that stops short of its Content-Length is answered after this
     * (Jetty's default is 30 s), and an idle keep-alive connection is closed.
     */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(5);
    /** Connections the kernel may hold before they are accepted: Java's default of 50 made bursts wait a second. */
    static final int ACCEPT_QUEUE = 1024;
    /**
     * Connections open at once: well over the 2,000 keep-alive clients served in a test of load, far under the file
     * descriptors and buffers that tens of thousands would take. At the limit Jetty stops accepting (the kernel queues
     * {@link #ACCEPT_QUEUE} more) and closes idle connections after {@link #IDLE_AT_LIMIT} instead of {@link #IDLE_TIMEOUT}.
     */
    static final int MAX_CONNECTIONS = 5_000;
    /** The idle timeout while the connections are at their limit, so that idle keep-alive ones make room quickly. */
    static final Duration IDLE_AT_LIMIT = Duration.ofSeconds(1);
    private static final String OPENAPI_RESOURCE = "/callcheck/http/openapi.json";

    private final PackEngine engine;
    private final DecisionStore store;
    private final boolean requireToken;
    private final Health health;
    private final Metrics metrics;
    private final byte[] openApi = resource(OPENAPI_RESOURCE);
    private callcheck.round.Decisions decisions;
    private Javalin app;
    private volatile GracefulHandler graceful;
    private volatile Path examples;
    private final ClientAddress clients = new ClientAddress();
    private int maxConnections = MAX_CONNECTIONS;
    private volatile ServerConnector connector;
    private volatile Integer keepInputsDays;
    private volatile String contact;

    /** Without a store: nothing is recorded and there are no decision endpoints. */
    public HttpServer(PackEngine engine, Map<String, List<CompileError>> loadFailures) {
        this(engine, loadFailures, null, false);
    }

    /**
     * @param store        where every evaluation is recorded before it is answered, and the decisions read from
     * @param requireToken whether evaluating needs a token too (reading decisions always does)
     */
    public HttpServer(PackEngine engine, Map<String, List<CompileError>> loadFailures, DecisionStore store, boolean requireToken) {
        if (requireToken && store == null) throw new IllegalArgumentException("tokens need a store");
        this.engine = engine;
        this.store = store;
        this.requireToken = requireToken;
        this.health = new Health(engine, loadFailures);
        this.metrics = new Metrics(engine.evaluator());
        if (store != null) health.store(store);
    }

    /**
     * Where rounds find the proposals they name by decisionId, instead of the store (none without a store). Call
     * before {@link #start}.
     */
    public synchronized HttpServer decisions(callcheck.round.Decisions decisions) {
        if (app != null) throw new IllegalStateException("already started");
        this.decisions = decisions;
        return this;
    }

    /** The decisions rounds may name: those given, else the store's, else none. */
    private callcheck.round.Decisions roundDecisions() {
        if (decisions != null) return decisions;
        return store == null ? callcheck.round.Decisions.NONE : new StoredDecisions(store);
    }

    /** Another limit on the connections open at once than {@link #MAX_CONNECTIONS} (tests). Call before {@link #start}. */
    synchronized HttpServer maxConnections(int max) {
        if (app != null) throw new IllegalStateException("already started");
        this.maxConnections = max;
        return this;
    }

    /** Listens on every interface; port 0 takes a free port. Returns the port bound. */
    public int start(int port) {
        return start("0.0.0.0", port);
    }

    public synchronized int start(String host, int port) {
        if (app != null) throw new IllegalStateException("already started");
        app = Javalin.create(config -> configure(config, host, port)).start();
        return app.port();
    }

    /** Stops accepting, waits up to {@link #STOP_TIMEOUT} for the requests in flight, then stops. */
    public synchronized void stop() {
        if (app != null) app.stop();
    }

    /**
     * What {@code GET /v1/calls} tells an applicant of what is kept, for how long, and whom to ask: the days the stored
     * proposals are kept (null: until the store is deleted), as {@link Service#keepInputs} erases them.
     */
    public HttpServer keepInputsDays(Integer days) {
        this.keepInputsDays = days;
        return this;
    }

    /** The operator's contact (an address, a page) that {@code GET /v1/calls} gives; null for none. */
    public HttpServer contact(String contact) {
        this.contact = contact == null || contact.isBlank() ? null : contact.strip();
        return this;
    }

    /** The examples folder that {@code GET /v1/calls/{call}/diff} compares versions on; none compares no example. */
    public HttpServer examples(Path folder) {
        this.examples = folder;
        return this;
    }

    /**
     * The proxies (literal addresses) whose {@code X-Forwarded-For} names the client that the token throttle counts;
     * none by default, so that no client can pick the address it is counted under.
     */
    public HttpServer trustProxies(java.util.Collection<String> proxies) {
        clients.trust(proxies);
        return this;
    }

    /** The readiness the service reports; a reload updates its failures. */
    public Health health() {
        return health;
    }

    /** Whether a graceful stop has begun: new requests are answered 503 shutting_down from then on. */
    boolean stopping() {
        GracefulHandler handler = graceful;
        return handler != null && handler.isShutdown();
    }

    /** Connections open now. */
    int openConnections() {
        ServerConnector c = connector;
        return c == null ? 0 : c.getConnectedEndPoints().size();
    }

    /** Requests being handled now. */
    public long inFlight() {
        return graceful == null ? 0 : graceful.getCurrentRequestCount();
    }

    private void configure(JavalinConfig config, String host, int port) {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        // The largest body of any endpoint; each endpoint reads its own with its own limit (RequestChecks.body).
        config.http.maxRequestSize = RequestChecks.MAX_ROUND_BODY_BYTES;
        config.http.prefer405over404 = true;
        config.jsonMapper(new JavalinJackson(Json.output(), false));
        // Our own connector, in place of Javalin's default, for its idle timeout, listen backlog and bounds on connections.
        config.jetty.addConnector((server, http) -> {
            ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
            connector.setHost(host);
            connector.setPort(port);
            connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
            connector.setAcceptQueueSize(ACCEPT_QUEUE);
            connector.addBean(new ConnectionGuard(connector));
            NetworkConnectionLimit limit = new NetworkConnectionLimit(maxConnections, connector);
            limit.setEndPointIdleTimeout(IDLE_AT_LIMIT.toMillis());
            server.addBean(limit);
            this.connector = connector;
            return connector;
        });
        config.jetty.modifyServer(server -> {
            graceful = new GracefulHandler();
            server.insertHandler(graceful);
            server.insertHandler(new EveryAnswer());
            server.setStopTimeout(STOP_TIMEOUT.toMillis());
            server.setErrorHandler(new JettyErrors());
        });
        config.requestLogger.http((ctx, ms) -> metrics.request(EveryAnswer.method(ctx), route(ctx), ctx.statusCode(),
                Duration.ofNanos((long) (ms * 1_000_000))));
        ErrorMapping.register(config);

        // one throttle of failed tokens for every endpoint
        Tokens tokens = store == null ? null : new Tokens(store, new TokenThrottle(), clients);
        Evaluations evaluations = new Evaluations(engine, metrics, store, tokens, requireToken);
        config.routes.post("/v1/calls/{call}/evaluations", evaluations::evaluate);
        if (store != null) {
            Decisions decisions = new Decisions(store, engine, tokens);
            // before /{decisionId}, which would take "export" for an id
            config.routes.get("/v1/decisions/export", decisions::export);
            config.routes.get("/v1/decisions", decisions::list);
            config.routes.get("/v1/decisions/{decisionId}", decisions::show);
            config.routes.post("/v1/decisions/{decisionId}/replay", decisions::replay);
            config.routes.post("/v1/calls/{call}/impact", decisions::impact);
        }
        RoundsEndpoint rounds = new RoundsEndpoint(engine, metrics, roundDecisions(), store, tokens, requireToken);
        config.routes.post("/v1/calls/{call}/rounds", rounds::check);
        if (store != null) config.routes.get("/v1/rounds/{roundId}", rounds::show);
        config.routes.get("/v1/calls", ctx -> {
            RequestChecks.onlyParameters(ctx, Set.of());
            ctx.json(Listings.calls(engine.packs(), new Listings.About(store != null, store == null ? null : keepInputsDays, contact)));
        });
        config.routes.get("/v1/calls/{call}", ctx -> {
            RequestChecks.onlyParameters(ctx, Set.of());
            ctx.json(Listings.call(engine.packs(), ctx.pathParam("call")));
        });
        config.routes.get("/v1/calls/{call}/rules", ctx -> {
            RequestChecks.onlyParameters(ctx, Set.of("version"));
            ctx.json(Listings.rules(engine.packs(), ctx.pathParam("call"), ctx.queryParam("version")));
        });
        config.routes.get("/v1/calls/{call}/diff", ctx -> {
            RequestChecks.onlyParameters(ctx, Set.of("from", "to"));
            ctx.json(ExampleDiffs.of(engine, examples, ctx.pathParam("call"), ctx.queryParam("from"), ctx.queryParam("to")));
        });
        config.routes.get("/v1/reference/regions", ctx -> {
            RequestChecks.onlyParameters(ctx, Set.of("date"));
            ctx.json(Listings.regions(engine.packs(), dateParameter(ctx.queryParam("date"))));
        });
        config.routes.get("/health", ctx -> {
            Health.Report report = health.report();
            ctx.status(report.httpStatus()).json(report);
        });
        // For a load balancer: the status says it all; the body is one word for a person who looks.
        config.routes.get("/health/live", ctx -> probe(ctx, health.live(), "live", "not_live"));
        config.routes.get("/health/ready", ctx -> probe(ctx, health.report().ready(), Health.READY, Health.NOT_READY));
        config.routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
        config.routes.get("/metrics", ctx -> ctx.contentType(Metrics.CONTENT_TYPE).result(metrics.scrape()));
        WebPages.register(config);
    }

    private static void probe(Context ctx, boolean ok, String yes, String no) {
        ctx.status(ok ? 200 : 503).json(Map.of("status", ok ? yes : no));
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
