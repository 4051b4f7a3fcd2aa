package callcheck.http;

import callcheck.engine.Finding;
import callcheck.engine.Verdict;
import callcheck.examples.Example;
import callcheck.examples.VersionDiff;
import callcheck.model.ProposalReader;
import callcheck.pack.RulePack;
import callcheck.support.Packs;
import callcheck.support.ProposalJson;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every endpoint of ../shared/API.md answering what the engine and the packs hold. */
class EndpointsTest {
    private static TestServer api;

    @BeforeAll
    static void start() {
        api = TestServer.start();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @TestFactory
    @DisplayName("POST /v1/calls/{call}/evaluations gives every example its expected verdict")
    Stream<DynamicTest> everyExampleOverHttp() {
        return Example.all(Packs.EXAMPLES).stream().map(example -> DynamicTest.dynamicTest(example.call() + "/" + example.name(), () -> {
            String path = "/v1/calls/" + example.call() + "/evaluations"
                    + (example.expected().version() == null ? "" : "?version=" + example.expected().version());
            TestServer.Response r = api.post(path, "application/json", example.proposal());
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.contentType()).startsWith("application/json");
            JsonNode v = r.json();
            assertThat(v.get("verdict").asText()).isEqualTo(example.expected().verdict().name());
            TreeSet<String> found = new TreeSet<>();
            v.get("findings").forEach(f -> found.add(f.get("rule").asText()));
            assertThat(found).containsExactlyElementsOf(new TreeSet<>(example.expected().findings()));
        }));
    }

    @Test
    void anEvaluationAnswersWhatTheEngineAnswers() {
        String json = ProposalJson.from("507/eligible-tielt-pittem.json").set("financing.amif", 30000).text();
        Verdict direct = Packs.engine().evaluate("507", ProposalReader.read(json));

        JsonNode v = api.postJson("/v1/calls/507/evaluations", json).json();

        assertThat(v.get("decisionId").asText()).isNotBlank().isNotEqualTo(direct.decisionId());
        assertThat(v.get("call").asText()).isEqualTo("507");
        assertThat(v.get("version").asText()).isEqualTo(direct.version());
        assertThat(v.get("digest").asText()).isEqualTo(direct.digest());
        assertThat(v.get("verdict").asText()).isEqualTo(direct.verdict().name()).isEqualTo("INELIGIBLE");
        List<String> rules = new ArrayList<>();
        v.get("findings").forEach(f -> rules.add(f.get("rule").asText()));
        assertThat(rules).isEqualTo(direct.findings().stream().map(Finding::rule).toList());
        JsonNode first = v.get("findings").get(0);
        assertThat(first.get("message").get("nl").asText()).isEqualTo(direct.findings().get(0).message().nl());
        assertThat(first.get("source").get("document").asText()).isEqualTo(direct.findings().get(0).source().document());
        List<String> passed = new ArrayList<>();
        v.get("passed").forEach(p -> passed.add(p.asText()));
        assertThat(passed).isEqualTo(direct.passed());
        assertThat(v.get("financing").get("maxSubsidy").decimalValue()).isEqualByComparingTo(direct.financing().maxSubsidy());
    }

    @Test
    void aPinnedVersionDecides() {
        RulePack pack = Packs.engine().packs().versions("507").get(0);
        String late = ProposalJson.from("507/eligible-tielt-pittem.json").set("submittedOn", "2020-10-20").text();

        JsonNode v = api.postJson("/v1/calls/507/evaluations?version=" + pack.version(), late).json();

        assertThat(v.get("version").asText()).isEqualTo(pack.version());
        assertThat(v.get("digest").asText()).isEqualTo(pack.digest());
        assertThat(v.get("verdict").asText()).isEqualTo("INELIGIBLE");
    }

    @Test
    void theNetworkRegionsAreListedWithTheirMunicipalitiesOnTheDateAsked() {
        JsonNode before = api.get("/v1/reference/regions?date=2024-12-31").json();
        JsonNode after = api.get("/v1/reference/regions?date=2025-01-01").json();
        assertThat(before.get("regions")).hasSize(18);
        assertThat(before.get("assumption").asText()).contains("Antwerp").contains("Ghent");
        assertThat(count(before)).isEqualTo(300 + 19);
        assertThat(count(after)).isEqualTo(285 + 19);
        assertThat(region(before, "ANTWERPEN")).containsExactly("11002");
        assertThat(region(before, "REFREG13")).contains("44012").doesNotContain("44021", "44086"); // De Pinte, not Ghent
        assertThat(region(after, "REFREG13")).contains("44086").doesNotContain("44012");           // Nazareth-De Pinte
        assertThat(api.get("/v1/reference/regions?date=2025-02-30").status()).isEqualTo(400);
    }

    private static int count(JsonNode regions) {
        int n = 0;
        for (JsonNode r : regions.get("regions")) n += r.get("municipalities").size();
        return n;
    }

    private static List<String> region(JsonNode regions, String code) {
        List<String> nis = new ArrayList<>();
        for (JsonNode r : regions.get("regions")) {
            if (r.get("code").asText().equals(code)) r.get("municipalities").forEach(m -> nis.add(m.get("nis").asText()));
        }
        return nis;
    }

    @Test
    void theCallsListEveryLoadedCallWithItsVersionsAndDigests() {
        TestServer.Response r = api.get("/v1/calls");

        assertThat(r.status()).isEqualTo(200);
        JsonNode calls = r.json().get("calls");
        List<String> ids = new ArrayList<>();
        calls.forEach(c -> ids.add(c.get("id").asText()));
        assertThat(ids).isEqualTo(Packs.engine().packs().calls());
        for (JsonNode c : calls) {
            List<RulePack> packs = Packs.engine().packs().versions(c.get("id").asText());
            assertThat(c.get("title").asText()).isEqualTo(packs.get(packs.size() - 1).manifest().title());
            assertThat(c.get("versions")).hasSize(packs.size());
            for (int i = 0; i < packs.size(); i++) {
                JsonNode version = c.get("versions").get(i);
                assertThat(version.get("version").asText()).isEqualTo(packs.get(i).version());
                assertThat(version.get("digest").asText()).isEqualTo(packs.get(i).digest());
                assertThat(version.get("submissions").get("from").asText()).isEqualTo(packs.get(i).manifest().submissions().from().toString());
            }
        }
    }

    @Test
    void oneCallShowsItsParametersWithSourceOrAssumptionAndItsDocuments() {
        RulePack pack = Packs.engine().packs().versions("507").get(0);

        JsonNode version = api.get("/v1/calls/507").json().get("versions").get(0);

        assertThat(version.get("version").asText()).isEqualTo(pack.version());
        JsonNode max = version.get("parameters").get("subsidyMax");
        assertThat(max.get("type").asText()).isEqualTo("amount");
        assertThat(max.get("value").decimalValue()).isEqualByComparingTo(pack.parameters().amount("subsidyMax"));
        assertThat(max.get("source").get("document").asText()).isEqualTo(pack.parameters().get("subsidyMax").source().document());
        assertThat(version.get("parameters").get("deadline").get("value").asText()).isEqualTo(pack.parameters().date("deadline").toString());
        version.get("parameters").forEach(p -> assertThat(p.get("source").isNull() && p.get("assumption").isNull())
                .as("every parameter has a source or an assumption: " + p).isFalse());
        assertThat(version.get("parameters").size()).isEqualTo(pack.parameters().all().size());
        assertThat(version.get("documents").get("call-page").get("title").asText()).isEqualTo(pack.manifest().documents().get("call-page").title());
        assertThat(version.get("assumptions").get("small-municipality").asText()).startsWith("Assumption");
    }

    @Test
    void theRulesOfAVersionCarryTheirMetadata() {
        RulePack pack = Packs.engine().packs().versions("507").get(0);

        JsonNode list = api.get("/v1/calls/507/rules?version=" + pack.version()).json();

        assertThat(list.get("version").asText()).isEqualTo(pack.version());
        assertThat(list.get("digest").asText()).isEqualTo(pack.digest());
        List<String> ids = new ArrayList<>();
        list.get("rules").forEach(r -> ids.add(r.get("id").asText()));
        assertThat(ids).isEqualTo(pack.ruleIds());
        JsonNode max = null;
        for (JsonNode r : list.get("rules")) if (r.get("id").asText().equals("507-SUBSIDY-MAX")) max = r;
        assertThat(max).isNotNull();
        assertThat(max.get("severity").asText()).isEqualTo("BLOCKING");
        assertThat(max.get("title").asText()).isEqualTo(pack.rule("507-SUBSIDY-MAX").title());
        assertThat(max.get("message").get("en").asText()).contains("{subsidy}");
        assertThat(max.get("source").get("section").asText()).isEqualTo("Budget");
        assertThat(max.get("needs").toString()).contains("financing.amif");
        assertThat(max.get("uses").toString()).contains("subsidyMax");
        JsonNode small = null;
        for (JsonNode r : list.get("rules")) if (r.get("id").asText().equals("507-SMALL-ALONE")) small = r;
        assertThat(small.get("assumption").asText()).startsWith("Assumption");
    }

    @Test
    void withoutAVersionTheRulesAreTheNewestVersions() {
        List<RulePack> packs = Packs.engine().packs().versions("507");

        JsonNode list = api.get("/v1/calls/507/rules").json();

        assertThat(list.get("version").asText()).isEqualTo(packs.get(packs.size() - 1).version());
    }

    @Test
    void healthIsReadyAndNamesThePacksServing() {
        TestServer.Response r = api.get("/health");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("ready");
        assertThat(r.json().get("failures")).isEmpty();
        List<String> serving = new ArrayList<>();
        r.json().get("packs").forEach(p -> serving.add(p.get("call").asText() + "/" + p.get("version").asText() + " " + p.get("status").asText()));
        assertThat(serving).isEqualTo(Packs.engine().packs().all().stream().map(p -> p.call() + "/" + p.version() + " serving").toList());
    }

    @Test
    void theDiffOfTwoVersionsListsTheExamplesThatChangeAsCallcheckDiffDoes() {
        api.server.examples(Packs.EXAMPLES);
        List<RulePack> versions = Packs.engine().packs().versions("426");
        String from = versions.get(0).version(), to = versions.get(versions.size() - 1).version();
        VersionDiff expected = VersionDiff.of(Packs.engine(), Example.all(Packs.EXAMPLES), "426", from, to);

        TestServer.Response r = api.get("/v1/calls/426/diff?from=" + from + "&to=" + to);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode diff = r.json();
        assertThat(diff.get("compared").asInt()).isEqualTo(expected.compared()).isPositive();
        assertThat(diff.get("changes")).hasSameSizeAs(expected.changes());
        for (int i = 0; i < expected.changes().size(); i++) {
            VersionDiff.Change c = expected.changes().get(i);
            JsonNode shown = diff.get("changes").get(i);
            assertThat(shown.get("example").asText()).isEqualTo(c.example().name());
            assertThat(shown.at("/before/verdict").asText()).isEqualTo(c.before().verdict().verdict().name());
            assertThat(shown.at("/after/verdict").asText()).isEqualTo(c.after().verdict().verdict().name());
            assertThat(shown.get("verdictChanged").asBoolean()).isEqualTo(c.verdictChanged());
            List<String> rules = new ArrayList<>();
            shown.get("changedRules").forEach(x -> rules.add(x.asText()));
            assertThat(rules).isEqualTo(c.changedRules());
        }
    }

    @Test
    void theDiffNamesTheParameterAtFault() {
        assertThat(api.get("/v1/calls/426/diff?to=2017-12-22").error().get("field").asText()).isEqualTo("from");
        TestServer.Response unknown = api.get("/v1/calls/426/diff?from=2017-12-22&to=1999-01-01");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error().get("code").asText()).isEqualTo("unknown_version");
        assertThat(unknown.error().get("field").asText()).isEqualTo("to");
        assertThat(api.get("/v1/calls/0/diff?from=a&to=b").error().get("code").asText()).isEqualTo("unknown_call");
        assertThat(api.get("/v1/calls/426/diff?from=a&to=b&version=c").error().get("code").asText()).isEqualTo("unknown_parameter");
    }

    @Test
    void withoutAnExamplesFolderTheDiffComparesNoExample() {
        try (TestServer bare = TestServer.start()) {
            String version = Packs.engine().packs().versions("507").get(0).version();
            JsonNode diff = bare.get("/v1/calls/507/diff?from=" + version + "&to=" + version).json();
            assertThat(diff.get("compared").asInt()).isZero();
            assertThat(diff.get("changes")).isEmpty();
        }
    }

    @Test
    void theOpenApiDescriptionNamesEveryEndpoint() {
        TestServer.Response r = api.get("/openapi.json");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.json().get("openapi").asText()).startsWith("3.");
        List<String> paths = new ArrayList<>();
        r.json().get("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths).containsExactlyInAnyOrder("/v1/calls/{call}/evaluations", "/v1/calls/{call}/rounds", "/v1/calls", "/v1/calls/{call}",
                "/v1/calls/{call}/rules", "/v1/calls/{call}/diff", "/v1/reference/regions", "/health", "/health/live", "/health/ready", "/openapi.json", "/metrics",
                "/v1/decisions", "/v1/decisions/{decisionId}", "/v1/decisions/{decisionId}/replay", "/v1/decisions/export",
                "/v1/rounds/{roundId}", "/v1/calls/{call}/impact");
    }

    @Test
    void metricsCountRequestsAndVerdictsByCallAndOutcome() {
        String ineligible = ProposalJson.from("507/eligible-tielt-pittem.json").set("financing.amif", 30000).text();
        double before = counter(api.get("/metrics").body(), "callcheck_verdicts_total{call=\"507\",verdict=\"INELIGIBLE\"");
        api.postJson("/v1/calls/507/evaluations", ineligible);
        api.postJson("/v1/calls/507/evaluations", ineligible);
        api.get("/v1/calls/nope");

        TestServer.Response r = api.get("/metrics");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/plain");
        assertThat(counter(r.body(), "callcheck_verdicts_total{call=\"507\",verdict=\"INELIGIBLE\"")).isEqualTo(before + 2);
        assertThat(r.body()).contains("http_server_requests_seconds_count{method=\"POST\",route=\"/v1/calls/{call}/evaluations\",status=\"200\"}")
                .contains("http_server_requests_seconds_count{method=\"GET\",route=\"/v1/calls/{call}\",status=\"404\"}")
                .contains("http_server_requests_seconds_bucket{")
                .contains("callcheck_evaluation_seconds_count{call=\"507\"");
    }

    /** The value of the first sample whose name and labels start with the prefix; 0 when there is none yet. */
    private static double counter(String scrape, String prefix) {
        return scrape.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).orElse(0.0);
    }

    @Test
    void aBodyInUtf8WithItsCharsetNamedIsRead() {
        byte[] body = ProposalJson.from("507/eligible-tielt-pittem.json").set("title", "Één stap: façade & café").text()
                .getBytes(StandardCharsets.UTF_8);

        TestServer.Response r = api.post("/v1/calls/507/evaluations", "application/json; charset=UTF-8", body);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("verdict").asText()).isEqualTo("ELIGIBLE");
    }
}
