package callcheck.http;

import callcheck.engine.Verdict;
import callcheck.engine.EvaluationTimeoutException;
import callcheck.evaluation.Evaluator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What the service counts, for Prometheus at GET /metrics: every request by route and status with its latency,
 * and every verdict by call, version and outcome with the time the engine took.
 */
final class Metrics {
    /** The route tag of a request that matched no endpoint, so unknown paths cannot grow the series without end. */
    static final String UNMATCHED = "unmatched";
    /** The Prometheus text exposition format that {@link #scrape} writes. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // Meters by their tags, made once: building and registering them for every request cost it a few percent of its CPU.
    private final Map<RequestKey, Timer> requests = new ConcurrentHashMap<>();
    private final Map<VerdictKey, Counter> verdicts = new ConcurrentHashMap<>();
    private final Map<VersionKey, Timer> evaluations = new ConcurrentHashMap<>();
    private final Map<TimeoutKey, Counter> timeouts = new ConcurrentHashMap<>();

    private record RequestKey(String method, String route, int status) {
    }

    private record VerdictKey(String call, String version, String verdict) {
    }

    private record VersionKey(String call, String version) {
    }

    private record TimeoutKey(String call, String version, String rule) {
    }

    /** The evaluations abandoned at their time budget and those still stuck in a rule, as the engine counts them. */
    Metrics(Evaluator evaluator) {
        Gauge.builder("callcheck.evaluations.stuck", evaluator, e -> e.stats().stuck())
                .description("evaluations abandoned at their time budget whose rule has not returned yet").register(registry);
    }

    /** An evaluation abandoned at its time budget, by the rule that was firing ("none" before any rule fired). */
    void timeout(EvaluationTimeoutException e) {
        meter(timeouts, new TimeoutKey(e.call(), e.version(), e.rule() == null ? "none" : e.rule()), k -> Counter.builder("callcheck.evaluation.timeouts")
                .description("evaluations abandoned at their time budget, by call, version and the rule that was firing")
                .tag("call", k.call()).tag("version", k.version()).tag("rule", k.rule())
                .register(registry))
                .increment();
    }

    void request(String method, String route, int status, Duration took) {
        meter(requests, new RequestKey(method, route, status), k -> Timer.builder("http.server.requests")
                .description("HTTP requests by route and status")
                .tag("method", k.method()).tag("route", k.route()).tag("status", Integer.toString(k.status()))
                .publishPercentileHistogram()
                .register(registry))
                .record(took);
    }

    void verdict(Verdict v, Duration took) {
        meter(verdicts, new VerdictKey(v.call(), v.version(), v.verdict().name()), k -> Counter.builder("callcheck.verdicts")
                .description("verdicts given, by call, pack version and outcome")
                .tag("call", k.call()).tag("version", k.version()).tag("verdict", k.verdict())
                .register(registry))
                .increment();
        meter(evaluations, new VersionKey(v.call(), v.version()), k -> Timer.builder("callcheck.evaluation")
                .description("time to read, check and evaluate one proposal")
                .tag("call", k.call()).tag("version", k.version())
                .register(registry))
                .record(took);
    }

    private static <K, M> M meter(Map<K, M> meters, K key, Function<K, M> make) {
        M m = meters.get(key);
        return m != null ? m : meters.computeIfAbsent(key, make);
    }

    /** The Prometheus text format. */
    String scrape() {
        return registry.scrape();
    }
}
