package callcheck.http;

import callcheck.engine.Engine;
import callcheck.engine.PackSet;
import callcheck.pack.PackLoader;
import callcheck.support.Packs;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
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
        Path root = Path.of("src/test/resources/packs/gated");
        PackSet packs = new PackSet(List.of(new PackLoader().load(root, root.resolve("998/2020-01-01"))), Packs.engine().packs().reference());
        int processors = Runtime.getRuntime().availableProcessors();
        int requests = 4 * processors + 4;
        String body = "{\"submittedOn\": \"2020-01-02\"}";
        Gate.reset();
        ExecutorService clients = Executors.newFixedThreadPool(requests);
        try (TestServer api = TestServer.start(new Engine(packs), Map.of())) {
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
