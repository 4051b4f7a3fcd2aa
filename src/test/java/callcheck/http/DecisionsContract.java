package callcheck.http;

import callcheck.examples.Example;
import callcheck.examples.VersionDiff;
import callcheck.store.DecisionStore;
import callcheck.support.Packs;
import callcheck.support.ProposalJson;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decision records over HTTP (../shared/API.md "Decision records"), run against each store: every evaluation
 * recorded before its answer and read back exactly; listing, replay and export; tokens; bad input.
 */
abstract class DecisionsContract {
    static final String EVALUATE_507 = "/v1/calls/507/evaluations";
    static final ObjectMapper MAPPER = new ObjectMapper();
    DecisionStore store;
    TestServer api;
    String token;

    /** A new, empty store. */
    abstract DecisionStore open();

    @BeforeEach
    void start() {
        store = open();
        token = store.addToken("tester");
        api = TestServer.start(Packs.engine(), store, false);
    }

    @AfterEach
    void stop() {
        api.close();
        store.close();
    }

    String evaluate(String call, String example) {
        TestServer.Response r = api.postJson("/v1/calls/" + call + "/evaluations", ProposalJson.from(example).text());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("decisionId").asText();
    }

    @Test
    void a_decision_reads_back_with_its_proposal_as_read_and_its_verdict_exactly_as_answered() throws Exception {
        String sent = ProposalJson.from("507/eligible-tielt-pittem.json").text();
        TestServer.Response answer = api.postJson(EVALUATE_507, sent);
        String id = answer.json().get("decisionId").asText();
        assertThat(id).matches("[0-7][0-9A-HJKMNP-TV-Z]{25}");

        TestServer.Response r = api.get("/v1/decisions/" + id, token);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode d = r.json();
        assertThat(d.get("decisionId").asText()).isEqualTo(id);
        assertThat(d.get("call").asText()).isEqualTo("507");
        assertThat(d.get("version").asText()).isEqualTo("2020-07-14");
        assertThat(d.get("digest").asText()).isEqualTo(answer.json().get("digest").asText());
        assertThat(d.get("askedBy").isNull()).isTrue();
        assertThat(d.get("receivedAt").asText()).endsWith("Z");
        assertThat(d.get("verdict")).isEqualTo(answer.json());
        assertThat(store.find(id).orElseThrow().verdictJson()).isEqualTo(answer.body());
        // the proposal as it was read: every field the client sent, with its value
        JsonNode proposal = d.get("proposal");
        MAPPER.readTree(sent).fields().forEachRemaining(f -> assertThat(proposal.get(f.getKey())).as(f.getKey()).isNotNull());
        assertThat(proposal.get("financing").get("totalCost").decimalValue())
                .isEqualByComparingTo(MAPPER.readTree(sent).get("financing").get("totalCost").decimalValue());
        assertThat(proposal.get("submittedOn").asText()).isEqualTo(MAPPER.readTree(sent).get("submittedOn").asText());
    }

    @Test
    void who_asked_is_the_name_of_the_token_sent_and_a_wrong_token_is_refused() {
        TestServer.Response r = api.postJson(EVALUATE_507, ProposalJson.from("507/eligible-tielt-pittem.json").text(), token);
        assertThat(r.status()).isEqualTo(200);
        assertThat(api.get("/v1/decisions/" + r.json().get("decisionId").asText(), token).json().get("askedBy").asText()).isEqualTo("tester");
        TestServer.Response wrong = api.postJson(EVALUATE_507, ProposalJson.from("507/eligible-tielt-pittem.json").text(), token + "x");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.error().get("code").asText()).isEqualTo("unauthorized");
    }

    @Test
    void reading_decisions_needs_a_known_token_health_and_metrics_do_not() {
        String id = evaluate("507", "507/eligible-tielt-pittem.json");
        List<String> paths = List.of("/v1/decisions/" + id, "/v1/decisions", "/v1/decisions/export");
        for (String path : paths) {
            for (TestServer.Response r : List.of(api.get(path), api.get(path, "cc_wrong"), api.send(api.request(path).header("Authorization", "Basic eDp5").GET().build()))) {
                assertThat(r.status()).as(path).isEqualTo(401);
                assertThat(r.error().get("code").asText()).isEqualTo("unauthorized");
            }
        }
        TestServer.Response replay = api.post("/v1/decisions/" + id + "/replay", "application/json", new byte[0]);
        assertThat(replay.status()).isEqualTo(401);
        store.removeToken("tester");
        assertThat(api.get("/v1/decisions/" + id, token).status()).isEqualTo(401);
        assertThat(api.get("/health").status()).isEqualTo(200);
        assertThat(api.get("/metrics").status()).isEqualTo(200);
    }

    @Test
    void the_token_never_appears_in_the_log() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        root.addAppender(log);
        try {
            String id = evaluate("507", "507/eligible-tielt-pittem.json");
            api.get("/v1/decisions/" + id, token);
            api.get("/v1/decisions/" + id, token + "x");
            api.get("/v1/decisions?limit=abc", token);
            api.postJson(EVALUATE_507, "{", token);
        } finally {
            root.detachAppender(log);
        }
        assertThat(log.list).isNotEmpty();
        assertThat(log.list).allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(token.substring(3)));
    }

    @Test
    void an_unknown_or_malformed_decision_id_is_a_404() {
        for (String id : List.of("01JD0000000000000000000000", "not-an-id", "export2")) {
            TestServer.Response r = api.get("/v1/decisions/" + id, token);
            assertThat(r.status()).as(id).isEqualTo(404);
            assertThat(r.error().get("code").asText()).isEqualTo("unknown_decision");
            assertThat(api.post("/v1/decisions/" + id + "/replay?x", "application/json", new byte[0]).status()).isEqualTo(401);
        }
        TestServer.Response r = api.send(api.request("/v1/decisions/01JD0000000000000000000000/replay")
                .header("Authorization", "Bearer " + token).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertThat(r.status()).isEqualTo(404);
    }

    @Test
    void a_listing_is_newest_first_page_by_page_and_filters() {
        List<String> ids = new ArrayList<>();
        List<String> examples = List.of("507/eligible-tielt-pittem.json", "507/vvsg-and-own-share.json", "426/eligible-at-25-percent.json",
                "507/eligible-tielt-pittem.json", "426/eligible-least-total-cost.json", "507/vvsg-and-own-share.json", "507/eligible-tielt-pittem.json");
        for (String e : examples) ids.add(evaluate(e.substring(0, 3), e));
        List<String> listed = new ArrayList<>();
        String next = null;
        do {
            TestServer.Response r = api.get("/v1/decisions?limit=3" + (next == null ? "" : "&after=" + next), token);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            r.json().get("decisions").forEach(d -> listed.add(d.get("decisionId").asText()));
            assertThat(r.json().get("decisions").size()).isLessThanOrEqualTo(3);
            next = r.json().get("next").isNull() ? null : r.json().get("next").asText();
        } while (next != null);
        List<String> newestFirst = new ArrayList<>(ids);
        java.util.Collections.reverse(newestFirst);
        assertThat(listed).isEqualTo(newestFirst);

        JsonNode only426 = api.get("/v1/decisions?call=426", token).json().get("decisions");
        assertThat(only426).hasSize(2);
        only426.forEach(d -> assertThat(d.get("call").asText()).isEqualTo("426"));
        JsonNode first = api.get("/v1/decisions?limit=1", token).json().get("decisions").get(0);
        assertThat(first.get("decisionId").asText()).isEqualTo(ids.get(ids.size() - 1));
        assertThat(first.get("verdict").asText()).isIn("ELIGIBLE", "INELIGIBLE", "INCOMPLETE");
        String verdict = first.get("verdict").asText();
        assertThat(api.get("/v1/decisions?verdict=" + verdict + "&call=507&version=2020-07-14", token).json().get("decisions"))
                .allSatisfy(d -> assertThat(d.get("verdict").asText()).isEqualTo(verdict)).isNotEmpty();
        assertThat(api.get("/v1/decisions?from=2000-01-01&to=2000-01-02", token).json().get("decisions")).isEmpty();
        assertThat(api.get("/v1/decisions?from=2000-01-01T00:00:00Z", token).json().get("decisions")).hasSize(7);
    }

    @Test
    void a_malformed_cursor_or_filter_is_a_400_naming_the_parameter() {
        evaluate("507", "507/eligible-tielt-pittem.json");
        Map<String, String> bad = Map.of(
                "after=garbage", "after", "after=" + java.util.Base64.getUrlEncoder().encodeToString("d1:nope".getBytes()), "after",
                "limit=0", "limit", "limit=1001", "limit", "limit=ten", "limit",
                "verdict=MAYBE", "verdict", "from=yesterday", "from", "to=2026-13-01", "to", "sort=id", "sort", "call=", "call");
        bad.forEach((query, field) -> {
            TestServer.Response r = api.get("/v1/decisions?" + query, token);
            assertThat(r.status()).as(query).isEqualTo(400);
            assertThat(r.error().get("field").asText()).as(query).isEqualTo(field);
        });
        assertThat(api.get("/v1/decisions?limit=1000", token).status()).isEqualTo(200);
    }

    @Test
    void a_replay_on_the_same_pack_is_identical() {
        String id = evaluate("507", "507/eligible-tielt-pittem.json");
        TestServer.Response r = api.send(api.request("/v1/decisions/" + id + "/replay").header("Authorization", "Bearer " + token)
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("decisionId").asText()).isEqualTo(id);
        assertThat(r.json().get("identical").asBoolean()).isTrue();
        assertThat(r.json().get("differences")).isEmpty();
        assertThat(r.json().get("digest").asText()).isEqualTo(store.find(id).orElseThrow().digest());
    }

    @Test
    void a_replay_on_another_version_shows_what_callcheck_diff_shows(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws java.io.IOException {
        // A version of our own with a lower subsidy cap, so that the examples' answers change whatever the analysts wrote.
        callcheck.support.RulesCopy copy = callcheck.support.RulesCopy.into(tmp, "507");
        String later = callcheck.support.PackVersions.copyToFresh(copy.root(), "507", "2020-07-14", "2999-01-01");
        java.nio.file.Path manifest = copy.root().resolve("507").resolve(later).resolve("pack.yaml");
        String yaml = java.nio.file.Files.readString(manifest);
        java.util.regex.Matcher cap = java.util.regex.Pattern.compile("(subsidyMax:\\s*\\n\\s*type: amount\\s*\\n\\s*value: )(\\d+)").matcher(yaml);
        assertThat(cap.find()).as("507's subsidyMax in " + manifest).isTrue();
        java.nio.file.Files.writeString(manifest, cap.replaceFirst("$1" + Long.parseLong(cap.group(2)) / 2));
        callcheck.evaluation.LoadReport report = callcheck.evaluation.LoadReport.load(copy.root(), new callcheck.pack.PackLoader());
        assertThat(report.failures()).isEmpty();
        callcheck.evaluation.PackEngine engine = new callcheck.evaluation.PackEngine(report.packs());
        List<Example> examples = Example.all(Packs.EXAMPLES).stream().filter(e -> e.call().equals("507")).toList();
        VersionDiff diff = VersionDiff.of(engine, examples, "507", "2020-07-14", later);
        assertThat(diff.changes()).isNotEmpty();
        api.close();
        api = TestServer.start(engine, store, false);
        for (VersionDiff.Change change : diff.changes()) {
            TestServer.Response answer = api.postJson("/v1/calls/507/evaluations?version=2020-07-14", new String(change.example().proposal(),
                    java.nio.charset.StandardCharsets.UTF_8));
            if (answer.status() != 200) continue;
            String id = answer.json().get("decisionId").asText();
            JsonNode replay = replay(id, "?version=" + later);
            assertThat(replay.get("identical").asBoolean()).isFalse();
            assertThat(replay.get("version").asText()).isEqualTo(later);
            List<String> rules = new ArrayList<>();
            boolean verdictChanged = false, financingChanged = false;
            for (JsonNode d : replay.get("differences")) {
                switch (d.get("kind").asText()) {
                    case "verdict" -> verdictChanged = true;
                    case "findings" -> rules.add(d.get("rule").asText());
                    case "financing" -> financingChanged = true;
                    default -> throw new AssertionError(d.toString());
                }
            }
            assertThat(rules).as(change.example().name()).isEqualTo(change.changedRules());
            assertThat(verdictChanged).as(change.example().name()).isEqualTo(change.verdictChanged());
            assertThat(financingChanged).as(change.example().name()).isEqualTo(change.financingChanged());
        }
        api.close();
        api = TestServer.start(Packs.engine(), store, false);
        String id = evaluate("426", "426/eligible-at-25-percent.json");
        assertThat(replayResponse(id, "?version=1999-01-01").status()).isEqualTo(404);
        assertThat(replayResponse(id, "?digest=sha256:0000").status()).isEqualTo(404);
        assertThat(replayResponse(id, "?digest=sha256:0000&version=2017-12-22").status()).isEqualTo(400);
        String digest507 = Packs.engine().packs().versions("507").get(0).digest();
        TestServer.Response otherCall = replayResponse(id, "?digest=" + digest507);
        assertThat(otherCall.status()).isEqualTo(400);
        assertThat(otherCall.error().get("field").asText()).isEqualTo("digest");
    }

    JsonNode replay(String id, String query) {
        TestServer.Response r = replayResponse(id, query);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    TestServer.Response replayResponse(String id, String query) {
        return api.send(api.request("/v1/decisions/" + id + "/replay" + query).header("Authorization", "Bearer " + token)
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
    }

    @Test
    void an_export_streams_every_decision_as_ndjson_or_csv() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) ids.add(evaluate("507", "507/eligible-tielt-pittem.json"));
        ids.add(evaluate("426", "426/eligible-at-25-percent.json"));
        TestServer.Response nd = api.send(api.request("/v1/decisions/export?call=507").header("Authorization", "Bearer " + token)
                .header("Accept", "application/x-ndjson").GET().build());
        assertThat(nd.status()).isEqualTo(200);
        assertThat(nd.contentType()).startsWith("application/x-ndjson");
        String[] lines = nd.body().split("\n");
        assertThat(lines).hasSize(5);
        for (int i = 0; i < 5; i++) {
            JsonNode d = MAPPER.readTree(lines[i]);
            assertThat(d.get("decisionId").asText()).isEqualTo(ids.get(i));
            assertThat(d.get("verdict").get("decisionId").asText()).isEqualTo(ids.get(i));
            assertThat(d.get("proposal").get("submittedOn").asText()).isNotEmpty();
        }
        TestServer.Response csv = api.send(api.request("/v1/decisions/export").header("Authorization", "Bearer " + token)
                .header("Accept", "text/csv").GET().build());
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        String[] rows = csv.body().split("\r\n");
        assertThat(rows[0]).isEqualTo("decisionId,receivedAt,askedBy,call,version,digest,verdict,tookMicros");
        assertThat(rows).hasSize(7);
        // The version that decided, whichever governs the example's date now.
        String version = api.get("/v1/decisions/" + ids.get(5), token).json().get("verdict").get("version").asText();
        assertThat(rows[6]).startsWith(ids.get(5) + ",").contains(",426," + version + ",sha256:");
        TestServer.Response html = api.send(api.request("/v1/decisions/export").header("Authorization", "Bearer " + token)
                .header("Accept", "text/html").GET().build());
        assertThat(html.status()).isEqualTo(406);
        assertThat(api.get("/v1/decisions/export?limit=3", token).status()).isEqualTo(400);
    }

    @Test
    void once_the_retention_erased_a_proposal_its_verdict_stays_and_it_cannot_be_replayed() {
        String id = evaluate("507", "507/eligible-tielt-pittem.json");
        assertThat(store.eraseProposalsBefore(java.time.Instant.now().plusSeconds(60))).isEqualTo(1);
        JsonNode d = api.get("/v1/decisions/" + id, token).json();
        assertThat(d.get("proposal").isNull()).isTrue();
        assertThat(d.get("verdict").get("decisionId").asText()).isEqualTo(id);
        TestServer.Response r = replayResponse(id, "");
        assertThat(r.status()).isEqualTo(410);
        assertThat(r.error().get("code").asText()).isEqualTo("proposal_erased");
    }

    @Test
    void with_require_token_evaluating_needs_a_token_too() {
        try (TestServer strict = TestServer.start(Packs.engine(), store, true)) {
            String body = ProposalJson.from("507/eligible-tielt-pittem.json").text();
            TestServer.Response none = strict.postJson(EVALUATE_507, body);
            assertThat(none.status()).isEqualTo(401);
            assertThat(none.error().get("code").asText()).isEqualTo("unauthorized");
            TestServer.Response ok = strict.postJson(EVALUATE_507, body, token);
            assertThat(ok.status()).isEqualTo(200);
            assertThat(store.find(ok.json().get("decisionId").asText()).orElseThrow().askedBy()).isEqualTo("tester");
        }
    }

    @Test
    void a_round_is_recorded_with_the_decisions_on_its_inline_proposals_and_reads_back_as_answered() throws Exception {
        String recorded = evaluate("507", "507/eligible-tielt-pittem.json");
        String inline = ProposalJson.from("507/eligible-tielt-pittem.json").set("financing.amif", 30000).text();
        String body = "{\"proposals\":[{\"id\":\"b\",\"proposal\":" + inline + "},{\"id\":\"a\",\"decisionId\":\"" + recorded
                + "\"}],\"selected\":[\"a\"],\"scores\":{\"b\":2,\"a\":7.5}}";
        TestServer.Response answer = api.postJson("/v1/calls/507/rounds", body, token);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        String roundId = answer.json().get("roundId").asText();
        assertThat(roundId).matches("[0-7][0-9A-HJKMNP-TV-Z]{25}");

        TestServer.Response r = api.get("/v1/rounds/" + roundId, token);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode round = r.json();
        assertThat(round.get("result")).isEqualTo(answer.json());
        assertThat(round.get("askedBy").asText()).isEqualTo("tester");
        assertThat(round.get("digest").asText()).isEqualTo(answer.json().get("digest").asText());
        JsonNode request = round.get("request");
        assertThat(request.get("proposals").get(0).get("proposal").get("financing").get("amif").decimalValue()).isEqualByComparingTo("30000");
        assertThat(request.get("proposals").get(1).get("decisionId").asText()).isEqualTo(recorded);
        assertThat(request.get("proposals").get(1).has("proposal")).isFalse();
        assertThat(request.get("scores").fieldNames()).toIterable().containsExactly("a", "b");

        // the inline proposal is a decision of its own, under the decisionId of its line; the other was not recorded again
        JsonNode lineB = answer.json().get("proposals").get(0);
        JsonNode decisionB = api.get("/v1/decisions/" + lineB.get("decisionId").asText(), token).json();
        assertThat(decisionB.get("verdict").get("verdict").asText()).isEqualTo(lineB.get("verdict").asText()).isEqualTo("INELIGIBLE");
        assertThat(decisionB.get("askedBy").asText()).isEqualTo("tester");
        assertThat(answer.json().get("proposals").get(1).get("decisionId").asText()).isEqualTo(recorded);
        assertThat(api.get("/v1/decisions?call=507", token).json().get("decisions")).hasSize(2);
        assertThat(replayResponse(lineB.get("decisionId").asText(), "").json().get("identical").asBoolean()).isTrue();
    }

    @Test
    void reading_a_round_needs_a_token_and_an_unknown_round_is_a_404() {
        String body = "{\"proposals\":[{\"id\":\"a\",\"proposal\":" + ProposalJson.from("507/eligible-tielt-pittem.json").text() + "}]}";
        TestServer.Response answer = api.postJson("/v1/calls/507/rounds", body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        String roundId = answer.json().get("roundId").asText();
        assertThat(api.get("/v1/rounds/" + roundId).status()).isEqualTo(401);
        assertThat(api.get("/v1/rounds/" + roundId, "cc_wrong").status()).isEqualTo(401);
        assertThat(api.get("/v1/rounds/" + roundId, token).json().get("askedBy").isNull()).isTrue();
        TestServer.Response unknown = api.get("/v1/rounds/01JD0000000000000000000000", token);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error().get("code").asText()).isEqualTo("unknown_round");
        assertThat(unknown.error().get("field").asText()).isEqualTo("roundId");
    }

    @Test
    void with_require_token_a_round_needs_a_token_too() {
        try (TestServer strict = TestServer.start(Packs.engine(), store, true)) {
            String body = "{\"proposals\":[{\"id\":\"a\",\"proposal\":" + ProposalJson.from("507/eligible-tielt-pittem.json").text() + "}]}";
            TestServer.Response none = strict.postJson("/v1/calls/507/rounds", body);
            assertThat(none.status()).isEqualTo(401);
            assertThat(store.list(callcheck.store.Filter.ALL, null, 10).decisions()).isEmpty();
            assertThat(strict.postJson("/v1/calls/507/rounds", body, token).status()).isEqualTo(200);
        }
    }
}
