package callcheck.http;

import callcheck.cli.CliRun;
import callcheck.store.DecisionStore;
import callcheck.store.TokenScope;
import callcheck.support.RulesCopy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The impact of a version on the decisions a running service recorded (test pack 906: its second version lowers the
 * subsidy maximum from 10000 to 8000) is what replaying each decision one by one shows: the same transitions, rule
 * changes and changed decisions, whether asked of the service or of {@code callcheck impact} on the same store.
 * Erased proposals are skipped and counted.
 */
class ImpactTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path TEST_PACK = Path.of("src/test/resources/packs/impact/906");
    private static final Path TEST_REFERENCE = Path.of("src/test/resources/library/rules/reference");
    private static final String V1 = "2024-01-01";
    private static final String V2 = "2025-01-01";

    @TempDir
    Path tmp;

    @Test
    void the_impact_is_what_replaying_each_decision_one_by_one_shows_from_the_service_and_the_command_line() throws Exception {
        Path rules = tmp.resolve("rules");
        RulesCopy.copyTree(TEST_PACK, rules.resolve("906"));
        RulesCopy.copyTree(TEST_REFERENCE, rules.resolve("reference"));
        Path data = tmp.resolve("data");
        String reader;
        String evaluator;
        try (DecisionStore s = DecisionStore.open(null, data)) {
            reader = s.addToken("auditor", Set.of(TokenScope.READ));
            evaluator = s.addToken("portal", Set.of(TokenScope.EVALUATE));
        }
        // Three decisions whose proposals the retention erases, then more that keep theirs.
        try (TestServer api = TestServer.of(Service.load(rules, DecisionStore.open(null, data), false))) {
            for (int i = 0; i < 3; i++) evaluate(api, "Erased " + i, 9000);
        }
        try (DecisionStore s = DecisionStore.open(null, data)) {
            assertThat(s.eraseProposalsBefore(Instant.now().plusMillis(1))).isEqualTo(3);
        }
        String digestV2;
        String digestV1;
        JsonNode viaService;
        try (TestServer api = TestServer.of(Service.load(rules, DecisionStore.open(null, data), false))) {
            int[] amifs = {5000, 9000, 9500, 12000, 9000, 7000, 8500};
            for (int i = 0; i < amifs.length; i++) evaluate(api, "Project " + i, amifs[i]);
            evaluate(api, null, 9000); // no title: INCOMPLETE before
            evaluate(api, null, 5000);

            viaService = impact(api, "?version=" + V2, reader);
            assertThat(viaService.get("call").asText()).isEqualTo("906");
            assertThat(viaService.get("against").get("version").asText()).isEqualTo(V2);
            digestV2 = viaService.get("against").get("digest").asText();
            assertThat(viaService.get("decisions").asLong()).isEqualTo(12);
            assertThat(viaService.get("skipped").get("proposalErased").asLong()).isEqualTo(3);

            // One by one, as an analyst would: every decision of the call replayed on the version.
            Map<String, Long> transitions = new TreeMap<>();
            Map<String, long[]> ruleCounts = new TreeMap<>();
            Set<String> changed = new HashSet<>();
            int erased = 0;
            BigDecimal before = BigDecimal.ZERO;
            BigDecimal after = BigDecimal.ZERO;
            JsonNode listed = api.get("/v1/decisions?call=906&limit=1000", reader).json().get("decisions");
            assertThat(listed).hasSize(12);
            digestV1 = listed.get(0).get("digest").asText();
            for (JsonNode d : listed) {
                String id = d.get("decisionId").asText();
                TestServer.Response r = api.send(api.request("/v1/decisions/" + id + "/replay?version=" + V2)
                        .header("Authorization", "Bearer " + reader).POST(HttpRequest.BodyPublishers.noBody()).build());
                if (r.status() == 410) {
                    erased++;
                    continue;
                }
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                JsonNode replay = r.json();
                transitions.merge(d.get("verdict").asText() + " -> " + replay.get("verdict").get("verdict").asText(), 1L, Long::sum);
                if (!replay.get("differences").isEmpty()) changed.add(id);
                for (JsonNode diff : replay.get("differences")) {
                    if (!diff.get("kind").asText().equals("findings")) continue;
                    long[] c = ruleCounts.computeIfAbsent(diff.get("rule").asText(), k -> new long[2]);
                    if (diff.get("before").isEmpty()) c[0]++;
                    if (diff.get("after").isEmpty()) c[1]++;
                }
                JsonNode answered = api.get("/v1/decisions/" + id, reader).json().get("verdict").get("financing");
                before = before.add(answered.get("maxSubsidy").decimalValue());
                after = after.add(replay.get("verdict").get("financing").get("maxSubsidy").decimalValue());
            }
            assertThat(erased).isEqualTo(3);
            assertThat(transitionsOf(viaService)).isEqualTo(transitions);
            assertThat(transitions).containsEntry("ELIGIBLE -> INELIGIBLE", 4L).containsEntry("INCOMPLETE -> INELIGIBLE", 1L);
            Map<String, List<Long>> expectedRules = new TreeMap<>();
            ruleCounts.forEach((rule, c) -> expectedRules.put(rule, List.of(c[0], c[1])));
            assertThat(rulesOf(viaService)).isEqualTo(expectedRules).containsEntry("906-SUBSIDY-MAX", List.of(5L, 0L));
            assertThat(viaService.get("changed").asLong()).isEqualTo(changed.size());
            assertThat(viaService.get("financing").get("maxSubsidyBefore").decimalValue()).isEqualByComparingTo(before).isEqualByComparingTo("90000");
            assertThat(viaService.get("financing").get("maxSubsidyAfter").decimalValue()).isEqualByComparingTo(after).isEqualByComparingTo("72000");

            // Paged: two at a time, oldest first, the cursor leads through every changed decision once.
            List<String> paged = new ArrayList<>();
            String next = null;
            do {
                JsonNode page = impact(api, "?version=" + V2 + "&limit=2" + (next == null ? "" : "&after=" + next), reader);
                assertThat(page.get("changedDecisions").size()).isLessThanOrEqualTo(2);
                page.get("changedDecisions").forEach(c -> paged.add(c.get("decisionId").asText()));
                next = page.get("next").isNull() ? null : page.get("next").asText();
            } while (next != null);
            assertThat(paged).doesNotHaveDuplicates().isSorted();
            assertThat(new HashSet<>(paged)).isEqualTo(changed);

            // The same pack by its digest; a window by the verdict answered.
            assertThat(transitionsOf(impact(api, "?digest=" + digestV2, reader))).isEqualTo(transitions);
            JsonNode incomplete = impact(api, "?version=" + V2 + "&verdict=INCOMPLETE", reader);
            assertThat(transitionsOf(incomplete)).isEqualTo(Map.of("INCOMPLETE -> INELIGIBLE", 1L, "INCOMPLETE -> INCOMPLETE", 1L));

            // Refused: no token, a token without read, an unknown version or digest, both or neither, a body that is not a zip.
            assertThat(post(api, "/v1/calls/906/impact?version=" + V2, null).status()).isEqualTo(401);
            assertThat(post(api, "/v1/calls/906/impact?version=" + V2, evaluator).status()).isEqualTo(403);
            TestServer.Response unknown = post(api, "/v1/calls/906/impact?version=2099-01-01", reader);
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.json().get("error").get("field").asText()).isEqualTo("version");
            assertThat(post(api, "/v1/calls/906/impact?digest=sha256:00", reader).status()).isEqualTo(404);
            assertThat(post(api, "/v1/calls/907/impact?version=" + V2, reader).status()).isEqualTo(404);
            TestServer.Response both = post(api, "/v1/calls/906/impact?version=" + V2 + "&digest=" + digestV2, reader);
            assertThat(both.status()).isEqualTo(400);
            assertThat(post(api, "/v1/calls/906/impact", reader).json().get("error").get("field").asText()).isEqualTo("version");
            assertThat(post(api, "/v1/calls/906/impact?version=" + V2 + "&from=yesterday", reader).json().get("error").get("field").asText())
                    .isEqualTo("from");
            TestServer.Response zip = api.send(api.request("/v1/calls/906/impact").header("Authorization", "Bearer " + reader)
                    .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofByteArray(new byte[]{'P', 'K', 3, 4})).build());
            assertThat(zip.status()).isEqualTo(415);
            assertThat(zip.json().get("error").get("code").asText()).isEqualTo("unsupported_media_type");
        }

        // The command line on the same store, the service stopped (the embedded store has one process at a time).
        CliRun cli = CliRun.of("impact", "--call", "906", "--rules", rules.toString(), "--version", V2, "--data", data.toString(),
                "--format", "json");
        assertThat(cli.exit()).as(cli.err()).isZero();
        JsonNode viaCli = MAPPER.readTree(cli.out());
        assertThat(transitionsOf(viaCli)).isEqualTo(transitionsOf(viaService));
        assertThat(rulesOf(viaCli)).isEqualTo(rulesOf(viaService));
        assertThat(viaCli.get("changed")).isEqualTo(viaService.get("changed"));
        assertThat(viaCli.get("skipped")).isEqualTo(viaService.get("skipped"));
        assertThat(viaCli.get("financing")).isEqualTo(viaService.get("financing"));
        CliRun text = CliRun.of("impact", "--call", "906", "--rules", rules.toString(), "--version", V2, "--data", data.toString());
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).contains("12 decisions").contains("3 proposals erased").containsPattern("ELIGIBLE\\s+INELIGIBLE\\s+4")
                .containsPattern("906-SUBSIDY-MAX\\s+5\\s+0").contains("90000 before, 72000 after");
        // The pack that decided, from the archive (V2 never decided, so only the service knows its digest): nothing changes.
        CliRun archived = CliRun.of("impact", "--call", "906", "--digest", digestV1, "--data", data.toString(), "--format", "json");
        assertThat(archived.exit()).as(archived.err()).isZero();
        JsonNode same = MAPPER.readTree(archived.out());
        assertThat(same.get("changed").asLong()).isZero();
        assertThat(transitionsOf(same).values().stream().mapToLong(Long::longValue).sum()).isEqualTo(9);
        assertThat(CliRun.of("impact", "--call", "906", "--data", data.toString()).exit()).isEqualTo(2);
    }

    private static void evaluate(TestServer api, String title, int amif) {
        String proposal = "{\"submittedOn\":\"2024-03-01\"," + (title == null ? "" : "\"title\":\"" + title + "\",")
                + "\"financing\":{\"totalCost\":20000,\"amif\":" + amif + "}}";
        TestServer.Response r = api.postJson("/v1/calls/906/evaluations?version=" + V1, proposal);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private static JsonNode impact(TestServer api, String query, String token) {
        TestServer.Response r = post(api, "/v1/calls/906/impact" + query, token);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static TestServer.Response post(TestServer api, String path, String token) {
        HttpRequest.Builder b = api.request(path).POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) b.header("Authorization", "Bearer " + token);
        return api.send(b.build());
    }

    private static Map<String, Long> transitionsOf(JsonNode impact) {
        Map<String, Long> m = new TreeMap<>();
        impact.get("transitions").forEach(t -> m.put(t.get("from").asText() + " -> " + t.get("to").asText(), t.get("count").asLong()));
        return m;
    }

    private static Map<String, List<Long>> rulesOf(JsonNode impact) {
        Map<String, List<Long>> m = new TreeMap<>();
        impact.get("rules").forEach(r -> m.put(r.get("rule").asText(), List.of(r.get("added").asLong(), r.get("removed").asLong())));
        return m;
    }
}
