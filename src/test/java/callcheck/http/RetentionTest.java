package callcheck.http;

import callcheck.store.Decision;
import callcheck.store.DecisionStore;
import callcheck.store.RoundRecord;
import callcheck.support.RulesCopy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** serve --keep-inputs-days N: the service erases the proposals (of decisions and rounds) older than N days by itself; verdicts stay. */
class RetentionTest {
    @TempDir
    Path temp;

    @Test
    void the_service_erases_old_proposals_and_keeps_recent_ones() throws InterruptedException {
        DecisionStore store = DecisionStore.open(null, temp.resolve("data"));
        Instant now = Instant.now();
        store.record(new Decision("01JD0000000000000000000001", now.minus(Duration.ofDays(31)), null, "507", "v", "sha256:x", "ELIGIBLE", 1,
                "{\"title\":\"old\"}", "{}"), null);
        store.record(new Decision("01JD0000000000000000000002", now.minus(Duration.ofDays(29)), null, "507", "v", "sha256:x", "ELIGIBLE", 1,
                "{\"title\":\"recent\"}", "{}"), null);
        try (Service service = Service.load(RulesCopy.into(temp.resolve("rules"), "507").root(), store, false)) {
            service.keepInputs(Duration.ofDays(30));
            for (int i = 0; i < 200 && store.find("01JD0000000000000000000001").orElseThrow().proposalJson() != null; i++) Thread.sleep(50);
            assertThat(store.find("01JD0000000000000000000001").orElseThrow().proposalJson()).isNull();
            assertThat(store.find("01JD0000000000000000000001").orElseThrow().verdictJson()).isEqualTo("{}");
            assertThat(store.find("01JD0000000000000000000002").orElseThrow().proposalJson()).contains("recent");
        }
    }

    @Test
    void the_service_erases_the_inline_proposals_of_old_rounds_and_keeps_their_ids_and_answers() throws InterruptedException {
        DecisionStore store = DecisionStore.open(null, temp.resolve("data"));
        Instant old = Instant.ofEpochMilli(System.currentTimeMillis()).minus(Duration.ofDays(31));
        String request = "{\"proposals\":[{\"id\":\"p01\",\"proposal\":{\"title\":\"old\"}},{\"id\":\"p02\",\"decisionId\":\"01JD0000000000000000000009\"}],"
                + "\"selected\":[\"p01\"],\"scores\":{\"p01\":71.5,\"p02\":64}}";
        String result = "{\"roundId\":\"01JD0000000000000000000100\",\"totals\":{\"selected\":1,\"subsidy\":40000}}";
        store.recordRound(new RoundRecord("01JD0000000000000000000100", old, null, "507", "v", "sha256:x", 1, request, result),
                List.of(new Decision("01JD0000000000000000000001", old, null, "507", "v", "sha256:x", "ELIGIBLE", 1, "{\"title\":\"old\"}", "{}")),
                null);
        try (Service service = Service.load(RulesCopy.into(temp.resolve("rules"), "507").root(), store, false)) {
            service.keepInputs(Duration.ofDays(30));
            for (int i = 0; i < 200 && store.findRound("01JD0000000000000000000100").orElseThrow().requestJson().contains("old"); i++) Thread.sleep(50);
            RoundRecord erased = store.findRound("01JD0000000000000000000100").orElseThrow();
            assertThat(erased.requestJson()).isEqualTo("{\"proposals\":[{\"id\":\"p01\",\"proposal\":null},"
                    + "{\"id\":\"p02\",\"decisionId\":\"01JD0000000000000000000009\"}],\"selected\":[\"p01\"],\"scores\":{\"p01\":71.5,\"p02\":64}}");
            assertThat(erased.resultJson()).isEqualTo(result);
            assertThat(store.find("01JD0000000000000000000001").orElseThrow().proposalJson()).isNull();
        }
    }

    @Test
    void the_calls_listing_tells_what_is_kept_for_how_long_and_whom_to_ask() throws Exception {
        Path rules = RulesCopy.into(temp.resolve("rules"), "507").root();
        try (Service kept = Service.load(rules, DecisionStore.open(null, temp.resolve("kept")), false)) {
            kept.keepInputs(Duration.ofDays(30));
            kept.server().contact("  privacy@example.be ");
            assertThat(about(kept)).isEqualTo("{\"storesDecisions\":true,\"keepsProposalsDays\":30,\"contact\":\"privacy@example.be\"}");
        }
        try (Service forever = Service.load(rules, DecisionStore.open(null, temp.resolve("forever")), false)) {
            assertThat(about(forever)).isEqualTo("{\"storesDecisions\":true,\"keepsProposalsDays\":null,\"contact\":null}");
        }
        try (Service none = Service.load(rules)) {
            none.server().contact("");
            assertThat(about(none)).isEqualTo("{\"storesDecisions\":false,\"keepsProposalsDays\":null,\"contact\":null}");
        }
    }

    /** The {@code service} object of GET /v1/calls, as JSON text. */
    private static String about(Service service) throws Exception {
        int port = service.start("127.0.0.1", 0);
        var answer = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/v1/calls")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body()).get("service").toString();
    }
}
