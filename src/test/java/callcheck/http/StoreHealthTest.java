package callcheck.http;

import callcheck.store.DecisionStore;
import callcheck.store.FaultyConnections;
import callcheck.support.Await;
import callcheck.support.Packs;
import callcheck.support.ProposalJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * /health/ready follows the store's own records, not a ping: 503 while records fail, 200 again by itself once the store
 * records again, without a restart and without an evaluation to push it. /health/live is 503 once the decision writer
 * has ended.
 */
class StoreHealthTest {
    private static final String EVALUATE_507 = "/v1/calls/507/evaluations";
    private static final String PROPOSAL = ProposalJson.from("507/eligible-tielt-pittem.json").text();

    @TempDir
    Path data;

    @Test
    void while_records_fail_the_service_is_live_but_not_ready_and_it_heals_by_itself() {
        FaultyConnections faults = new FaultyConnections();
        try (DecisionStore store = FaultyConnections.open(data, faults); TestServer api = TestServer.start(Packs.engine(), store, false)) {
            assertThat(api.postJson(EVALUATE_507, PROPOSAL).status()).isEqualTo(200);
            assertThat(api.get("/health/ready").status()).isEqualTo(200);

            faults.start();
            TestServer.Response refused = api.postJson(EVALUATE_507, PROPOSAL);
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.error().get("code").asText()).isEqualTo("store_unavailable");
            int tried = faults.refused();
            Await.until("the store to try again by itself", () -> faults.refused() > tried);
            assertThat(api.get("/health/ready").status()).isEqualTo(503);
            assertThat(api.get("/health/ready").json().get("status").asText()).isEqualTo(Health.NOT_READY);
            assertThat(api.get("/health").status()).isEqualTo(503);
            assertThat(api.get("/health").json().get("store").asText()).isEqualTo("unavailable");
            assertThat(api.get("/health/live").status()).isEqualTo(200);

            faults.stop();
            Await.until("the service to be ready again", () -> api.get("/health/ready").status() == 200);
            TestServer.Response back = api.postJson(EVALUATE_507, PROPOSAL);
            assertThat(back.status()).isEqualTo(200);
            assertThat(store.find(back.json().get("decisionId").asText())).isPresent();
        }
    }

    /**
     * A real fault: the store's file made immutable while the service runs (chattr +i, which stops even root, unlike
     * chmod; a write to a file H2 keeps open is not stopped by chmod for anyone). H2 closes the database at the failed
     * write; once the flag is gone, the service records again.
     */
    @Test
    void a_store_file_that_cannot_be_written_refuses_evaluations_and_the_service_records_again_once_it_can() throws Exception {
        assumeTrue(immutableFlagWorks(), "needs chattr +i (root, on a file system with the immutable flag)");
        Path file = data.resolve("callcheck.mv.db");
        try (DecisionStore store = DecisionStore.open(null, data); TestServer api = TestServer.start(Packs.engine(), store, false)) {
            assertThat(api.postJson(EVALUATE_507, PROPOSAL).status()).isEqualTo(200);
            try {
                chattr("+i", file);
                TestServer.Response refused = api.postJson(EVALUATE_507, PROPOSAL);
                assertThat(refused.status()).as(refused.body()).isEqualTo(503);
                // The write fails at H2's checkpoint, after the commit: whether the record survives is unknown
                // (store_timeout, retry with the Idempotency-Key); once H2 has closed the database, nothing is
                // recorded (store_unavailable). Never a 200.
                assertThat(refused.error().get("code").asText()).isIn("store_timeout", "store_unavailable");
                assertThat(api.get("/health/ready").status()).isEqualTo(503);
            } finally {
                chattr("-i", file);
            }
            Await.until("the service to be ready again", () -> api.get("/health/ready").status() == 200);
            TestServer.Response back = api.postJson(EVALUATE_507, PROPOSAL);
            assertThat(back.status()).as(back.body()).isEqualTo(200);
            assertThat(store.find(back.json().get("decisionId").asText())).isPresent();
        }
    }

    @Test
    void a_decision_writer_that_ended_makes_the_service_not_live() {
        try (DecisionStore real = DecisionStore.open(null, data)) {
            boolean[] writing = {true};
            DecisionStore store = (DecisionStore) Proxy.newProxyInstance(DecisionStore.class.getClassLoader(), new Class<?>[]{DecisionStore.class},
                    (p, m, args) -> {
                        if (m.getName().equals("writing")) return writing[0];
                        try {
                            return m.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            try (TestServer api = TestServer.start(Packs.engine(), store, false)) {
                assertThat(api.get("/health/live").status()).isEqualTo(200);
                assertThat(api.get("/health/live").json().get("status").asText()).isEqualTo("live");

                writing[0] = false;

                assertThat(api.get("/health/live").status()).isEqualTo(503);
                assertThat(api.get("/health/ready").status()).isEqualTo(503);
            }
        }
    }

    private boolean immutableFlagWorks() throws IOException, InterruptedException {
        Path probe = Files.writeString(data.resolve("probe"), "x");
        if (!chattr("+i", probe)) return false;
        try {
            Files.writeString(probe, "y");
            return false;
        } catch (IOException refused) {
            return true;
        } finally {
            chattr("-i", probe);
            Files.deleteIfExists(probe);
        }
    }

    private static boolean chattr(String flag, Path file) throws IOException, InterruptedException {
        try {
            return new ProcessBuilder("chattr", flag, file.toString()).redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException noChattr) {
            return false;
        }
    }
}
