package callcheck.http;

import callcheck.engine.Verdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;

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

    void request(String method, String route, int status, Duration took) {
        Timer.builder("http.server.requests")
                .description("HTTP requests by route and status")
                .tag("method", method).tag("route", route).tag("status", Integer.toString(status))
                .publishPercentileHistogram()
                .register(registry)
                .record(took);
    }

    void verdict(Verdict v, Duration took) {
        Counter.builder("callcheck.verdicts")
                .description("verdicts given, by call, pack version and outcome")
                .tag("call", v.call()).tag("version", v.version()).tag("verdict", v.verdict().name())
                .register(registry)
                .increment();
        Timer.builder("callcheck.evaluation")
                .description("time to read, check and evaluate one proposal")
                .tag("call", v.call()).tag("version", v.version())
                .register(registry)
                .record(took);
    }

    /** The Prometheus text format. */
    String scrape() {
        return registry.scrape();
    }
}
