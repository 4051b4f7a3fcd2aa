package callcheck.http;

import callcheck.evaluation.EvaluationLimits;
import callcheck.evaluation.Evaluator;
import callcheck.evaluation.PackEngine;
import callcheck.evaluation.LoadReport;
import callcheck.examples.WarmUp;
import callcheck.engine.CompileError;
import callcheck.pack.CompiledPackCache;
import callcheck.pack.PackLoader;
import callcheck.pack.PackOptions;
import callcheck.pack.RulePack;
import callcheck.reload.RulesWatcher;
import callcheck.store.DecisionStore;
import callcheck.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.Map;

/**
 * The service as {@code callcheck serve} runs it: the packs of a rules folder over HTTP and, when watched, live
 * reload swapping them and feeding {@code /health}. One place for this wiring, so that the tests run what serves.
 *
 * <pre>{@code
 * Service service = Service.load(Path.of("rules"));    // compile every pack; a failed one is logged and in /health
 * int port = service.start("0.0.0.0", 7070);            // 0: any free port
 * service.watch(Path.of("examples"), RulesWatcher.SETTLE);
 * service.close();                                      // stop watching, let the requests in flight finish, close the store
 * }</pre>
 * With a {@link DecisionStore} ({@link #load(Path, DecisionStore, boolean)}), every evaluation is recorded before it
 * is answered, and the decision endpoints read it.
 */
public final class Service implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Service.class);

    private final Path rules;
    private final LoadReport loaded;
    private final PackEngine engine;
    private final HttpServer server;
    private final DecisionStore store;
    private RulesWatcher watcher;
    /** Serving the store's published packs instead of a rules folder (rules is then null). */
    private callcheck.reload.PublishedPacks published;
    private ScheduledExecutorService retention;

    private Service(Path rules, LoadReport loaded, PackLoader loader, EvaluationLimits limits, DecisionStore store, boolean requireToken) {
        this.rules = rules;
        this.loaded = loaded;
        this.engine = new PackEngine(loaded.packs(), loader, new Evaluator(limits));
        this.store = store;
        this.server = new HttpServer(engine, loaded.failures(), store, requireToken);
    }

    /** Compiles every pack of the folder, with the default limits and no store. */
    public static Service load(Path rules) {
        return load(rules, EvaluationLimits.defaults(), null, false);
    }

    /** As {@link #load(Path)}, within the given limits. */
    public static Service load(Path rules, EvaluationLimits limits) {
        return load(rules, limits, null, false);
    }

    /** As {@link #load(Path)}, recording every evaluation in the store. */
    public static Service load(Path rules, DecisionStore store, boolean requireToken) {
        return load(rules, EvaluationLimits.defaults(), store, requireToken);
    }

    /**
     * Compiles every pack of the folder; a folder that does not compile is logged with file and line. Requests, the
     * warm-up and the reload gate evaluate within the limits; every evaluation is recorded in the store (when one is
     * given), which the service closes when it closes.
     *
     * @param requireToken whether evaluating needs a token too (reading decisions always does)
     */
    public static Service load(Path rules, EvaluationLimits limits, DecisionStore store, boolean requireToken) {
        return load(rules, limits, store, requireToken, null);
    }

    /**
     * As {@link #load(Path, EvaluationLimits, DecisionStore, boolean)}, reading packs compiled before from the cache
     * when not null, and storing the others there from a background thread ({@link CompiledPackCache}).
     */
    public static Service load(Path rules, EvaluationLimits limits, DecisionStore store, boolean requireToken, CompiledPackCache cache) {
        PackLoader loader = new PackLoader(PackOptions.fromSystemProperties(), cache);
        LoadReport report = LoadReport.load(rules, loader);
        if (cache != null) cache.release(); // stores the packs just compiled, now that loading is done
        for (Map.Entry<String, List<CompileError>> f : report.failures().entrySet()) {
            for (CompileError e : f.getValue()) LOG.error("pack {} does not compile: {}", f.getKey(), e);
        }
        return new Service(rules, report, loader, limits, store, requireToken);
    }

    /**
     * The packs the store's activations name ({@code serve --rules-from-store}), compiled from its archive, followed from
     * then on: a new activation swaps them in on every instance, at its instant. Throws {@link IllegalStateException}
     * when the store has none published.
     */
    public static Service fromStore(EvaluationLimits limits, DecisionStore store, boolean requireToken, CompiledPackCache cache) {
        return fromStore(limits, store, requireToken, cache, callcheck.reload.PublishedPacks.POLL);
    }

    /** As {@link #fromStore(EvaluationLimits, DecisionStore, boolean, CompiledPackCache)}, polling every {@code poll} (tests: to rely on the notifications). */
    static Service fromStore(EvaluationLimits limits, DecisionStore store, boolean requireToken, CompiledPackCache cache, Duration poll) {
        PackLoader loader = new PackLoader(PackOptions.fromSystemProperties(), cache);
        callcheck.reload.PublishedPacks published = callcheck.reload.PublishedPacks.load(store, loader, poll);
        LoadReport report = published.report();
        if (cache != null) cache.release();
        for (Map.Entry<String, List<CompileError>> f : report.failures().entrySet()) {
            for (CompileError e : f.getValue()) LOG.error("published pack {} does not compile: {}", f.getKey(), e);
        }
        Service s = new Service(null, report, loader, limits, store, requireToken);
        s.published = published;
        published.follow(s.engine, failures -> s.server.health().failures(failures));
        return s;
    }

    /** Erases the stored proposals (of decisions and rounds) older than {@code keep}, now and every hour (their verdicts stay). */
    public synchronized void keepInputs(Duration keep) {
        if (store == null) throw new IllegalStateException("no store");
        if (retention != null) throw new IllegalStateException("retention already set");
        server.keepInputsDays((int) keep.toDays());
        retention = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "retention");
            t.setDaemon(true);
            return t;
        });
        retention.scheduleWithFixedDelay(() -> {
            try {
                int erased = store.eraseProposalsBefore(Instant.now().minus(keep));
                if (erased > 0) LOG.info("retention: erased the proposals of {} decision(s) and round(s) older than {} days", erased, keep.toDays());
            } catch (StoreUnavailableException e) {
                LOG.warn("retention: {}", e.getMessage());
            }
        }, 0, 1, TimeUnit.HOURS);
    }

    /** Listens; returns the port bound. Throws io.javalin.util.JavalinBindException when the port is taken. */
    public int start(String host, int port) {
        return server.start(host, port);
    }

    /**
     * Reloads a pack when its files change, once they are quiet for {@code settle}, if it compiles and the examples
     * of its call still give what they expect; {@code /health} then shows what the last reload of each pack found.
     *
     * @param examples the examples that gate each reload; a folder that does not exist gates nothing
     */
    public synchronized void watch(Path examples, Duration settle) throws IOException {
        if (watcher != null) throw new IllegalStateException("already watching");
        if (rules == null) throw new IllegalStateException("serving the store's published packs: there is no rules folder to watch");
        // The watcher is the only one that swaps packs.
        watcher = RulesWatcher.start(engine, rules, examples != null && Files.isDirectory(examples) ? examples : null,
                settle, status -> server.health().failures(status.failures()));
    }

    /**
     * On a background thread: makes the KieBase of every pack read from the compiled-pack cache (those define their
     * classes on first use, so that the service is ready sooner; {@link RulePack#prepare}), then runs every example once,
     * so that the first clients after a start wait neither for that nor for Drools to compile each pack's constraints
     * ({@link WarmUp}); a folder of examples that does not exist warms nothing.
     */
    public void warmUp(Path examples) {
        Thread t = new Thread(() -> {
            long started = System.nanoTime();
            int prepared = 0;
            for (RulePack pack : engine.packs().all()) {
                if (pack.prepared()) continue;
                try {
                    pack.prepare();
                    prepared++;
                } catch (RuntimeException e) {
                    LOG.warn("could not make the rules of pack {}/{} ready: {}", pack.call(), pack.version(), e.getMessage());
                }
            }
            if (prepared > 0) LOG.info("made the rules of {} pack version(s) read from the cache ready in {} ms", prepared, (System.nanoTime() - started) / 1_000_000);
            if (examples == null || !Files.isDirectory(examples)) return;
            started = System.nanoTime();
            try {
                int n = WarmUp.run(engine, examples);
                LOG.info("warmed up the packs with {} examples in {} ms", n, (System.nanoTime() - started) / 1_000_000);
            } catch (RuntimeException e) {
                LOG.warn("could not warm up the packs with the examples in {}: {}", examples, e.getMessage());
            }
        }, "pack-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /** What loading the rules folder gave at start. */
    public LoadReport loaded() {
        return loaded;
    }

    public HttpServer server() {
        return server;
    }

    /**
     * Stops watching (a reload under way finishes), then stops serving once the requests in flight are done (and
     * recorded), then closes the store.
     */
    @Override
    public synchronized void close() {
        if (watcher != null) watcher.close();
        if (published != null) published.close();
        if (retention != null) retention.shutdownNow();
        server.stop();
        if (store != null) store.close();
        if (engine.loader().cache() != null) engine.loader().cache().close();
    }
}
