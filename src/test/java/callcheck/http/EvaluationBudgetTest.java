package callcheck.http;

import callcheck.reload.RulesWatcher;
import callcheck.store.DecisionStore;
import callcheck.support.Await;
import callcheck.support.Hang;
import callcheck.support.HangingPack;
import callcheck.support.RulesCopy;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rule that hangs on some proposals (test call 997) no longer hangs the service: 503 evaluation_timeout naming the
 * rule, the next requests served, /health degraded, the timeouts counted; a full service answers 503 busy; a pack that
 * hangs on an example is refused by the reload gate, and a later fix still goes in.
 */
class EvaluationBudgetTest {
    private static final String EVALUATIONS = "/v1/calls/997/evaluations";

    @TempDir
    Path tmp;

    @BeforeEach
    void hold() {
        Hang.hold();
    }

    @AfterEach
    void release() {
        Hang.release();
        Await.until("the spinning rules to return", () -> Hang.spinning() == 0);
    }

    @Test
    void aRoundWhoseProposalHangsAnswers503NamingTheRuleAndTheNextRoundIsServed() {
        try (TestServer api = TestServer.start(HangingPack.engine(HangingPack.limits(Duration.ofMillis(200))), Map.of())) {
            String fine = "{\"id\":\"fine\",\"proposal\":" + HangingPack.json("fine") + "}";
            TestServer.Response slept = api.postJson("/v1/calls/997/rounds",
                    "{\"proposals\":[" + fine + ",{\"id\":\"slow\",\"proposal\":" + HangingPack.json("SLEEP") + "}]}");
            assertThat(slept.status()).isEqualTo(503);
            assertThat(slept.error().get("code").asText()).isEqualTo("evaluation_timeout");
            assertThat(slept.error().get("message").asText()).contains("997-SLEEP");
            Await.until("the interrupted rule to return", () -> api.get("/health").json().get("evaluations").get("stuck").asInt() == 0);
            TestServer.Response next = api.postJson("/v1/calls/997/rounds", "{\"proposals\":[" + fine + "]}");
            assertThat(next.status()).as(next.body()).isEqualTo(200);
            assertThat(api.get("/health").json().get("evaluations").get("timeouts").asInt()).isEqualTo(1);
        }
    }

    @Test
    void aReplayThatHangsAnswers503WithinTheBudgetAsAnEvaluationDoes() throws Exception {
        String token;
        try (DecisionStore s = DecisionStore.open(null, tmp.resolve("data"))) {
            token = s.addToken("auditor");
        }
        try (TestServer api = TestServer.start(HangingPack.engine(HangingPack.limits(Duration.ofMillis(200))), DecisionStore.open(null, tmp.resolve("data")), false)) {
            Hang.release(); // the spinning rule returns at once: the evaluation is answered and recorded
            TestServer.Response decided = api.postJson(EVALUATIONS, HangingPack.json("LOOP-SPIN"));
            assertThat(decided.status()).as(decided.body()).isEqualTo(200);
            Hang.hold(); // and spins on the replay
            String id = decided.json().get("decisionId").asText();
            CompletableFuture<TestServer.Response> replay = CompletableFuture.supplyAsync(() -> api.send(api.request("/v1/decisions/" + id + "/replay")
                    .header("Authorization", "Bearer " + token).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build()));
            TestServer.Response r;
            try {
                r = replay.get(60, java.util.concurrent.TimeUnit.SECONDS);
            } finally {
                Hang.release();
            }
            assertThat(r.status()).as(r.body()).isEqualTo(503);
            assertThat(r.error().get("code").asText()).isEqualTo("evaluation_timeout");
            assertThat(r.error().get("message").asText()).contains("997-SPIN");
            Await.until("the abandoned replay to end", () -> api.get("/health").json().get("evaluations").get("stuck").asInt() == 0);
            TestServer.Response again = api.send(api.request("/v1/decisions/" + id + "/replay")
                    .header("Authorization", "Bearer " + token).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
            assertThat(again.status()).as(again.body()).isEqualTo(200);
            assertThat(again.json().get("identical").asBoolean()).isTrue();
        }
    }

    @Test
    void aSpinningRuleAnswers503NamingTheRuleAndTheServiceKeepsServing() {
        try (TestServer api = TestServer.start(HangingPack.engine(HangingPack.limits(Duration.ofMillis(200))), Map.of())) {
            assertThat(api.get("/health").json().get("status").asText()).isEqualTo(Health.READY);
            // A rule that sleeps is interrupted at the budget, and its thread comes back.
            TestServer.Response slept = api.postJson(EVALUATIONS, HangingPack.json("SLEEP"));
            assertThat(slept.status()).isEqualTo(503);
            assertThat(slept.error().get("message").asText()).contains("997-SLEEP");
            Await.until("the interrupted rule to return", () -> api.get("/health").json().get("evaluations").get("stuck").asInt() == 0);
            for (int i = 0; i < 2; i++) {
                TestServer.Response spun = api.postJson(EVALUATIONS, HangingPack.json("LOOP-SPIN"));
                assertThat(spun.status()).isEqualTo(503);
                assertThat(spun.error().get("code").asText()).isEqualTo("evaluation_timeout");
                assertThat(spun.error().get("message").asText()).contains("997-SPIN", "200 ms");
            }

            // Two rules still spin on their threads (the limit of these limits): evaluations are refused, not queued.
            TestServer.Response busy = api.send(api.postRequest(EVALUATIONS, "application/json",
                    HangingPack.json("fine").getBytes(StandardCharsets.UTF_8)));
            assertThat(busy.status()).isEqualTo(503);
            assertThat(busy.error().get("code").asText()).isEqualTo("busy");
            TestServer.Response health = api.get("/health");
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.json().get("status").asText()).isEqualTo(Health.DEGRADED);
            assertThat(health.json().get("evaluations").get("stuck").asInt()).isEqualTo(2);
            assertThat(health.json().get("evaluations").get("blocked").asBoolean()).isTrue();

            Hang.release();
            Await.until("the abandoned evaluations to end", () -> api.get("/health").json().get("evaluations").get("stuck").asInt() == 0);
            TestServer.Response fine = api.postJson(EVALUATIONS, HangingPack.json("fine"));
            assertThat(fine.status()).isEqualTo(200);
            assertThat(fine.json().get("verdict").asText()).isEqualTo("ELIGIBLE");
            health = api.get("/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().get("status").asText()).isEqualTo(Health.DEGRADED);
            assertThat(health.json().get("evaluations").get("timeouts").asInt()).isEqualTo(3);

            String metrics = api.get("/metrics").body();
            assertThat(metrics).containsPattern("callcheck_evaluation_timeouts_total\\{[^}]*rule=\"997-SPIN\"[^}]*} 2.0");
            assertThat(metrics).containsPattern("callcheck_evaluation_timeouts_total\\{[^}]*rule=\"997-SLEEP\"[^}]*} 1.0");
            assertThat(metrics).contains("callcheck_evaluations_stuck 0.0");
        }
    }

    @Test
    void aClientWaitingTooLongForASlotGets503BusyWithRetryAfter() throws Exception {
        try (TestServer api = TestServer.start(HangingPack.engine(HangingPack.limits(Duration.ofSeconds(30))), Map.of())) {
            CompletableFuture<TestServer.Response> holding = CompletableFuture.supplyAsync(() -> api.postJson(EVALUATIONS, HangingPack.json("LOOP-SPIN")));
            Await.until("the first evaluation to take the one slot", () -> Hang.spinning() == 1);
            HttpResponse<String> busy = api.client.send(api.postRequest(EVALUATIONS, "application/json",
                    HangingPack.json("fine").getBytes(StandardCharsets.UTF_8)), HttpResponse.BodyHandlers.ofString());
            assertThat(busy.statusCode()).isEqualTo(503);
            assertThat(busy.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(busy.body()).contains("\"code\":\"busy\"");
            Hang.release();
            assertThat(holding.get().status()).isEqualTo(200);
        }
    }

    @Test
    void theReloadGateRefusesAPackThatHangsOnAnExampleAndTakesTheFixLater() {
        RulesCopy copy = RulesCopy.into(tmp.resolve("rules"), new String[0]);
        HangingPack.copyInto(copy.root());
        Path examples = tmp.resolve("examples");
        HangingPack.example(examples, "fine", "an ordinary title");
        String drl = "997/2020-01-01/hang.drl";
        try (TestServer api = TestServer.serve(copy.root(), examples, RulesWatcher.SETTLE)) {
            assertThat(api.postJson(EVALUATIONS, HangingPack.json("an ordinary title")).status()).isEqualTo(200);

            copy.edit(drl, "Proposal(title == \"LOOP-SPIN\")", "Proposal(title != \"LOOP-SPIN\")");
            TestServer.Response refused = Await.until("the gate to refuse the spinning pack", () -> api.get("/health"), r -> !r.json().get("failures").isEmpty());
            JsonNode failure = refused.json().get("failures").get(0);
            assertThat(failure.get("status").asText()).isEqualTo(Health.SERVING_LAST_GOOD);
            assertThat(failure.get("errors").get(0).get("file").asText()).endsWith("997/fine.json");
            assertThat(failure.get("errors").get(0).get("message").asText()).contains("over the time budget", "997-SPIN");
            // The last good pack serves: the ordinary proposal is not held by the spinning rule.
            assertThat(api.postJson(EVALUATIONS, HangingPack.json("an ordinary title")).status()).isEqualTo(200);

            copy.edit(drl, "Proposal(title != \"LOOP-SPIN\")", "Proposal(title == \"LOOP-SPIN\")");
            Await.until("the fix to serve", () -> api.get("/health"), r -> r.json().get("failures").isEmpty());
        }
    }
}
