package callcheck.http;

import callcheck.engine.Verdict;
import callcheck.evaluation.PackEngine;
import callcheck.model.ProposalReader;
import callcheck.round.Decisions;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * POST /v1/calls/{call}/rounds on test call 997 (proposal: at most 60; round: at most 100 in the first version,
 * 150 in the second, BLOCKING; at least 2 selected, WARNING), with a decision store of one record.
 */
class RoundsEndpointTest {
    private static final String ROUNDS = "/v1/calls/997/rounds";
    private static final String RECORDED = "01JDRECORDED";
    private static final String OTHER_CALL = "01JDOTHERCALL";
    private static TestServer api;

    @BeforeAll
    static void start() {
        PackEngine engine = FaultyPack.rounds();
        Verdict evaluated = engine.evaluate("997", ProposalReader.read(proposal(30)));
        Verdict recorded = new Verdict(RECORDED, "997", evaluated.version(), evaluated.digest(), evaluated.verdict(), evaluated.findings(),
                evaluated.passed(), null);
        Verdict otherCall = new Verdict(OTHER_CALL, "507", "2020-07-14", "sha256:x", recorded.verdict(), recorded.findings(), recorded.passed(), null);
        Map<String, Decisions.Decided> store = Map.of(
                RECORDED, new Decisions.Decided(ProposalReader.read(proposal(30)), recorded),
                OTHER_CALL, new Decisions.Decided(ProposalReader.read(proposal(30)), otherCall));
        api = TestServer.start(engine, Map.of(), id -> Optional.ofNullable(store.get(id)));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    static String proposal(int amif) {
        return proposal(amif, "2020-06-01");
    }

    static String proposal(int amif, String submittedOn) {
        return "{\"submittedOn\":\"" + submittedOn + "\",\"financing\":{\"amif\":" + amif + "}}";
    }

    static String entry(String id, int amif) {
        return "{\"id\":\"" + id + "\",\"proposal\":" + proposal(amif) + "}";
    }

    @Test
    @DisplayName("a round: verdicts, the findings on the selected, totals, and the best selection with the reasons for the rest")
    void aRound() {
        String body = "{\"proposals\":[" + entry("a", 50) + "," + entry("b", 40) + "," + entry("c", 70) + "," + entry("d", 60)
                + ",{\"id\":\"r\",\"decisionId\":\"" + RECORDED + "\"}],"
                + "\"selected\":[\"a\",\"b\",\"c\"],\"scores\":{\"a\":5,\"b\":3,\"c\":9,\"d\":4.5}}";
        TestServer.Response r = api.postJson(ROUNDS, body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode j = r.json();
        assertThat(j.get("version").asText()).isEqualTo("2020-01-01");
        assertThat(j.get("proposals").get(2).get("verdict").asText()).isEqualTo("INELIGIBLE");
        assertThat(j.get("proposals").get(4).get("decisionId").asText()).isEqualTo(RECORDED);
        assertThat(j.get("proposals").get(4).get("score").isNull()).isTrue();
        assertThat(j.get("findings").get(0).get("rule").asText()).isEqualTo("997-ROUND-BUDGET");
        assertThat(j.get("findings").get(0).get("values").get("subsidy").decimalValue()).isEqualByComparingTo("160");
        assertThat(j.get("totals").get("selected").asInt()).isEqualTo(3);
        assertThat(j.get("totals").get("subsidy").decimalValue()).isEqualByComparingTo("160");
        // a+b = 8 (90), a+d breaks the budget (110), b+d = 7.5 (100): a and b
        JsonNode proposed = j.get("proposedSelection");
        assertThat(proposed.get("ids").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(proposed.get("totalScore").decimalValue()).isEqualByComparingTo("8");
        assertThat(proposed.get("findings")).isEmpty();
        assertThat(proposed.get("leftOut").toString()).contains("\"c\"").contains("INELIGIBLE (997-SUBSIDY-MAX)")
                .contains("997-ROUND-BUDGET").contains("no score");
    }

    @Test
    @DisplayName("a round under the second version has its budget; without selection there are no findings")
    void secondVersion() {
        String body = "{\"proposals\":[{\"id\":\"a\",\"proposal\":" + proposal(50, "2021-02-01") + "},{\"id\":\"b\",\"proposal\":"
                + proposal(60, "2021-02-01") + "},{\"id\":\"c\",\"proposal\":" + proposal(40, "2021-03-01") + "}]}";
        JsonNode j = api.postJson(ROUNDS, body).json();
        assertThat(j.get("version").asText()).isEqualTo("2021-01-01");
        assertThat(j.get("findings")).isEmpty();
        assertThat(j.get("proposedSelection").get("ids").toString()).isEqualTo("[\"a\",\"b\",\"c\"]");
    }

    @ParameterizedTest(name = "{0}: {1} {2} at {3}")
    @CsvSource(delimiter = '|', value = {
            "duplicate ids|400|duplicate_id|proposals[1].id|{\"proposals\":[ENTRY_A,ENTRY_A]}",
            "unknown decision|404|unknown_decision|proposals[1].decisionId|{\"proposals\":[ENTRY_A,{\"id\":\"x\",\"decisionId\":\"nope\"}]}",
            "a decision of another call|400|mixed_calls|proposals[1].decisionId|{\"proposals\":[ENTRY_A,{\"id\":\"x\",\"decisionId\":\"01JDOTHERCALL\"}]}",
            "scores for an unknown proposal|400|unknown_proposal|scores.zz|{\"proposals\":[ENTRY_A],\"scores\":{\"zz\":1}}",
            "a negative score|400|invalid_value|scores.a|{\"proposals\":[ENTRY_A],\"scores\":{\"a\":-1}}",
            "a score as a string|400|wrong_type|scores.a|{\"proposals\":[ENTRY_A],\"scores\":{\"a\":\"7\"}}",
            "an unknown selected id|400|unknown_proposal|selected[1]|{\"proposals\":[ENTRY_A],\"selected\":[\"a\",\"zz\"]}",
            "an id selected twice|400|duplicate_id|selected[1]|{\"proposals\":[ENTRY_A],\"selected\":[\"a\",\"a\"]}",
            "mixed versions|400|mixed_versions|proposals[1].proposal.submittedOn|{\"proposals\":[ENTRY_A,{\"id\":\"n\",\"proposal\":{\"submittedOn\":\"2021-02-01\"}}]}",
            "no version for the date|404|no_version_for_date|proposals[0].proposal.submittedOn|{\"proposals\":[{\"id\":\"n\",\"proposal\":{\"submittedOn\":\"2019-02-01\"}}]}",
            "both inline and decision|400|invalid_value|proposals[0].proposal|{\"proposals\":[{\"id\":\"n\",\"proposal\":{\"submittedOn\":\"2020-02-01\"},\"decisionId\":\"d\"}]}",
            "neither|400|required|proposals[0].proposal|{\"proposals\":[{\"id\":\"n\"}]}",
            "no id|400|required|proposals[0].id|{\"proposals\":[{\"proposal\":{\"submittedOn\":\"2020-02-01\"}}]}",
            "an error inside a proposal|400|invalid_amount|proposals[0].proposal.financing.amif|{\"proposals\":[{\"id\":\"n\",\"proposal\":{\"submittedOn\":\"2020-02-01\",\"financing\":{\"amif\":1.001}}}]}",
            "an unknown field|400|unknown_field|proposals[0].example|{\"proposals\":[{\"id\":\"n\",\"example\":\"x\"}]}",
            "an unknown top-level field|400|unknown_field|selection|{\"proposals\":[ENTRY_A],\"selection\":[]}",
            "no proposals|400|invalid_value|proposals|{\"proposals\":[]}",
            "proposals not an array|400|wrong_type|proposals|{\"proposals\":{}}",
            "malformed JSON|400|malformed_json||{\"proposals\":[",
            "an unpaired surrogate in an id|400|invalid_value|proposals[1].id|{\"proposals\":[ENTRY_A,{\"id\":\"x\\ud800\",\"decisionId\":\"d\"}]}",
            "an unpaired surrogate in a proposal|400|invalid_value|proposals[0].proposal.title|{\"proposals\":[{\"id\":\"n\",\"proposal\":{\"submittedOn\":\"2020-02-01\",\"title\":\"\\udc00\"}}]}",
            "an unpaired surrogate in a selected id|400|invalid_value|selected[0]|{\"proposals\":[ENTRY_A],\"selected\":[\"\\ud800\"]}",
            "an unpaired surrogate in a name|400|invalid_value|scores.\uFFFD|{\"proposals\":[ENTRY_A],\"scores\":{\"\\ud800\":1}}",
    })
    @DisplayName("bad rounds get a 4xx naming the field, and the service keeps serving")
    void badRounds(String what, int status, String code, String field, String body) {
        TestServer.Response r = api.postJson(ROUNDS, body.replace("ENTRY_A", entry("a", 50)));
        assertThat(r.status()).as(what + ": " + r.body()).isEqualTo(status);
        assertThat(r.error().get("code").asText()).isEqualTo(code);
        if (field == null) assertThat(r.error().get("field").isNull()).isTrue();
        else assertThat(r.error().get("field").asText()).isEqualTo(field);
        assertThat(api.postJson(ROUNDS, "{\"proposals\":[" + entry("a", 50) + "]}").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("more than 5,000 proposals: 400 too_many_proposals at proposals; an unknown call: 404")
    void limits() {
        StringBuilder many = new StringBuilder("{\"proposals\":[");
        // entries that read well (the round is read as it comes: the first entry at fault would be the error)
        for (int i = 0; i <= 5_000; i++) many.append(i == 0 ? "" : ",").append("{\"id\":\"p").append(i).append("\",\"decisionId\":\"d\"}");
        TestServer.Response r = api.postJson(ROUNDS, many.append("]}").toString());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error().get("code").asText()).isEqualTo("too_many_proposals");
        assertThat(r.error().get("field").asText()).isEqualTo("proposals");
        TestServer.Response unknown = api.postJson("/v1/calls/0/rounds", "{\"proposals\":[]}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error().get("code").asText()).isEqualTo("unknown_call");
    }

    @Test
    @DisplayName("without a decision store, a decisionId is 404 unknown_decision and says that no store is configured")
    void noStore() {
        try (TestServer plain = TestServer.start(FaultyPack.rounds(), Map.of())) {
            TestServer.Response r = plain.postJson(ROUNDS, "{\"proposals\":[{\"id\":\"x\",\"decisionId\":\"" + RECORDED + "\"}]}");
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.error().get("code").asText()).isEqualTo("unknown_decision");
            assertThat(r.error().get("field").asText()).isEqualTo("proposals[0].decisionId");
            assertThat(r.error().get("message").asText()).contains("no decision store is configured");
        }
    }

    @Test
    @DisplayName("the rules of a version list its call-level rules apart from the proposal rules")
    void callLevelRulesAreListed() {
        JsonNode list = api.get("/v1/calls/997/rules?version=2020-01-01").json();
        assertThat(list.get("rules").findValuesAsText("id")).containsExactly("997-SUBSIDY-MAX");
        assertThat(list.get("callLevelRules").findValuesAsText("id")).containsExactlyInAnyOrder("997-ROUND-BUDGET", "997-ROUND-COUNT");
        JsonNode budget = list.get("callLevelRules").get(0).get("id").asText().equals("997-ROUND-BUDGET")
                ? list.get("callLevelRules").get(0) : list.get("callLevelRules").get(1);
        assertThat(budget.get("severity").asText()).isEqualTo("BLOCKING");
        assertThat(budget.get("message").get("nl").asText()).isNotBlank();
    }
}
