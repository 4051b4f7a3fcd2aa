package callcheck.cli;

import callcheck.http.Service;
import callcheck.pack.CompiledPackCache;
import callcheck.reload.RulesWatcher;
import callcheck.evaluation.EvaluationLimits;
import io.javalin.util.JavalinBindException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * Serves the rules folder over HTTP until the process is stopped; a stop (Ctrl-C, SIGTERM) lets requests in flight
 * finish. A pack that does not compile is logged with file and line and leaves /health not ready; the others serve.
 */
@Command(name = "serve", description = "Serve the HTTP API (see /openapi.json) over the rules folder.")
final class ServeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Option(names = "--port", defaultValue = "${env:CALLCHECK_PORT:-7070}", description = "port to listen on, 0 for any free one (default: ${DEFAULT-VALUE}, env CALLCHECK_PORT)")
    int port;

    @Option(names = "--host", defaultValue = "${env:CALLCHECK_HOST:-0.0.0.0}", description = "interface to listen on (default: ${DEFAULT-VALUE}, env CALLCHECK_HOST)")
    String host;

    @Option(names = "--rules", defaultValue = "${env:CALLCHECK_RULES:-rules}", description = "rules folder (default: ${DEFAULT-VALUE}, env CALLCHECK_RULES)")
    Path rules;

    @Option(names = "--rules-from-store", description = "serve the packs published to the store (callcheck publish), switching when an activation takes over, instead of a rules folder")
    boolean rulesFromStore;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--examples", defaultValue = "${env:CALLCHECK_EXAMPLES:-examples}", description = "examples that gate each reload (default: ${DEFAULT-VALUE}, env CALLCHECK_EXAMPLES)")
    Path examples;

    @Option(names = "--evaluation-budget", defaultValue = "${env:CALLCHECK_EVALUATION_BUDGET:-500}", paramLabel = "MS",
            description = "milliseconds one evaluation may take before it is abandoned with 503 evaluation_timeout; the reload gate uses it too; 0 for none (default: ${DEFAULT-VALUE}, env CALLCHECK_EVALUATION_BUDGET)")
    long budgetMillis;

    @Option(names = "--round-budget", defaultValue = "${env:CALLCHECK_ROUND_BUDGET:-10000}", paramLabel = "MS",
            description = "milliseconds a round's search for the best selection may take; it then answers the best found with optimal: false and a bound (default: ${DEFAULT-VALUE}, env CALLCHECK_ROUND_BUDGET)")
    long roundBudgetMillis;

    @picocli.CommandLine.Mixin
    CacheOption cache;

    @Option(names = "--watch", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "reload a pack when its files change, if it compiles and its examples still pass (default: on; --no-watch to serve what loaded at start)")
    boolean watch;

    @picocli.CommandLine.Mixin
    StoreOptions storeOptions;

    @Option(names = "--require-token", description = "evaluating needs a token too (Authorization: Bearer; reading decisions always does)")
    boolean requireToken;

    @Option(names = "--keep-inputs-days", paramLabel = "N", description = "erase the stored proposals (of decisions and rounds) older than N days, hourly (their verdicts stay); default: keep them")
    Integer keepInputsDays;

    @Option(names = "--trusted-proxy", split = ",", paramLabel = "ADDRESS", defaultValue = "${env:CALLCHECK_TRUSTED_PROXIES}",
            description = "a proxy (its literal address) whose X-Forwarded-For names the client, so that failed tokens are throttled per client, not per proxy; repeatable (env CALLCHECK_TRUSTED_PROXIES, comma-separated; default: none)")
    java.util.List<String> trustedProxies = new java.util.ArrayList<>();

    @Option(names = "--contact", defaultValue = "${env:CALLCHECK_CONTACT}", paramLabel = "TEXT",
            description = "whom applicants ask about the service and what it keeps (an e-mail address or a page), shown on the applicant's page (env CALLCHECK_CONTACT)")
    String contact;

    @Override
    public Integer call() throws InterruptedException, java.io.IOException {
        if (keepInputsDays != null && keepInputsDays < 1) {
            System.err.println("--keep-inputs-days must be at least 1");
            return 2;
        }
        if (roundBudgetMillis < 1) {
            System.err.println("--round-budget must be at least 1 ms");
            return 2;
        }
        if (rulesFromStore) {
            boolean rulesGiven = spec.commandLine().getParseResult().hasMatchedOption("--rules") || !System.getenv().getOrDefault("CALLCHECK_RULES", "").isEmpty();
            if (rulesGiven) {
                System.err.println("--rules-from-store serves the packs published to the store, --rules (or CALLCHECK_RULES) a folder on disk: give one of the two");
                return 2;
            }
            if (storeOptions.none()) {
                System.err.println("--rules-from-store needs a store to read the published packs from: --store JDBC_URL (or --data DIR), not none");
                return 2;
            }
        }
        long loading = System.nanoTime();
        callcheck.store.DecisionStore store = storeOptions.none() ? null : storeOptions.open();
        if (store == null && !storeOptions.none()) return 2;
        if (store == null && keepInputsDays != null) {
            System.err.println("--keep-inputs-days needs a store; with --store none nothing is kept");
            return 2;
        }
        CompiledPackCache packCache = cache.open();
        EvaluationLimits limits = EvaluationLimits.withBudget(Duration.ofMillis(budgetMillis)).withRoundBudget(Duration.ofMillis(roundBudgetMillis));
        Service service;
        if (rulesFromStore) {
            try {
                service = Service.fromStore(limits, store, requireToken, packCache);
            } catch (RuntimeException e) {
                System.err.println("cannot serve the published packs of " + storeOptions.describe() + ": " + e.getMessage());
                store.close();
                return 2;
            }
        } else {
            service = Service.load(rules, limits, store, requireToken, packCache);
        }
        if (keepInputsDays != null) service.keepInputs(java.time.Duration.ofDays(keepInputsDays));
        long compiledMillis = (System.nanoTime() - loading) / 1_000_000;
        service.server().examples(examples).contact(contact).trustProxies(trustedProxies == null ? java.util.List.of() : trustedProxies);
        int bound;
        try {
            bound = service.start(host, port);
        } catch (JavalinBindException e) {
            System.err.println("cannot listen on " + host + ":" + port + ": " + e.getMessage());
            service.close();
            return 2;
        }
        if (watch && !rulesFromStore) service.watch(examples, RulesWatcher.SETTLE);
        service.warmUp(examples);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping: letting requests in flight finish");
            service.close();
            LOG.info("stopped");
            Logs.drain(); // the JVM exits once the hooks end: the decisions still queued are written first
            stopped.countDown();
        }, "callcheck-shutdown"));
        LOG.info("serving {} pack version(s) of {} on http://{}:{} ({} failed to compile; loaded in {} ms, {}; {}; decisions in {}{})",
                service.loaded().packs().all().size(), rulesFromStore ? "the packs published to the store" : rules, host, bound, service.loaded().failures().size(), compiledMillis,
                packCache == null ? "no cache" : packCache.hits() + " from the cache " + packCache.directory() + ", " + packCache.misses() + " compiled",
                rulesFromStore ? "switching when an activation takes over" : watch ? "reloading on change" : "not watching for changes", storeOptions.describe(),
                requireToken ? "; evaluating needs a token" : "");
        stopped.await();
        return 0;
    }
}
