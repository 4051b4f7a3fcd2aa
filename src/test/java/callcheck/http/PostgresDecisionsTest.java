package callcheck.http;

import callcheck.store.DecisionStore;
import callcheck.support.Postgres;
import callcheck.support.ProposalJson;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresDecisionsTest extends DecisionsContract {
    @Override
    DecisionStore open() {
        return DecisionStore.open(Postgres.server().newDatabase(), null);
    }

    @Test
    void while_the_database_is_down_evaluations_answer_503_and_recover_by_themselves() {
        String body = ProposalJson.from("507/eligible-tielt-pittem.json").text();
        assertThat(api.postJson(EVALUATE_507, body).status()).isEqualTo(200);
        Postgres.server().stop();
        try {
            TestServer.Response down = api.postJson(EVALUATE_507, body);
            assertThat(down.status()).as(down.body()).isEqualTo(503);
            assertThat(down.error().get("code").asText()).isEqualTo("store_unavailable");
            assertThat(api.get("/v1/decisions", token).status()).isEqualTo(503);
            TestServer.Response health = api.get("/health");
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.json().get("status").asText()).isEqualTo("degraded");
        } finally {
            Postgres.server().restart();
        }
        TestServer.Response back = null;
        for (int attempt = 0; attempt < 50; attempt++) { // bounded: the pool reconnects at its next use
            back = api.postJson(EVALUATE_507, body);
            if (back.status() == 200) break;
        }
        assertThat(back.status()).as(back.body()).isEqualTo(200);
        assertThat(store.find(back.json().get("decisionId").asText())).isPresent();
        assertThat(api.get("/health").json().get("status").asText()).isEqualTo("ready");
    }
}
