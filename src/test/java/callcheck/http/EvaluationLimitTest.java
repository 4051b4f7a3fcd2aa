package callcheck.http;

import callcheck.evaluation.EvaluationLimits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Many requests at once: at most one evaluation per processor runs, the others wait, and every one is answered. */
class EvaluationLimitTest {
    @Test
    void atMostOneEvaluationPerProcessorRunsAtOnce() throws Exception {
        int processors = Runtime.getRuntime().availableProcessors();
        int requests = 4 * processors + 4;
        String body = "{\"submittedOn\": \"" + FaultyPack.DAY + "\"}";
        Gate.reset();
        ExecutorService clients = Executors.newFixedThreadPool(requests);
        // The engine's default slots, one per processor; no time budget, which is not what this test is about.
        try (TestServer api = TestServer.start(FaultyPack.gated(EvaluationLimits.withBudget(Duration.ZERO)), Map.of())) {
            List<Future<TestServer.Response>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) answers.add(clients.submit(() -> api.postJson("/v1/calls/998/evaluations", body)));
            for (Future<TestServer.Response> a : answers) {
                assertThat(a.get().status()).isEqualTo(200);
                assertThat(a.get().body()).contains("998-GATE");
            }
        } finally {
            clients.shutdownNow();
        }
        // Each evaluation holds the gate 30 ms, so without a limit the clients' requests would overlap far more.
        assertThat(Gate.mostAtOnce()).isBetween(1, processors);
    }
}
