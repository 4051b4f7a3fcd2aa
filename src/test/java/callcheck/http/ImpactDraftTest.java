package callcheck.http;

import callcheck.pack.Draft;
import callcheck.store.DecisionStore;
import callcheck.store.TokenScope;
import callcheck.support.RulesCopy;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The impact of a draft pack sent as a zip (test pack 906, only its first version serving): the draft, a version
 * extending the serving one with a lower subsidy maximum and one rule removed, changes the recorded decisions as
 * replaying each of them one by one on that same version does once it serves. A zip that is unsafe, a bomb, not a
 * zip, a draft that does not compile, or another content type is refused, naming the problem.
 */
class ImpactDraftTest {
    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final Path TEST_PACK = Path.of("src/test/resources/packs/impact/906/2024-01-01");
    private static final Path TEST_REFERENCE = Path.of("src/test/resources/library/rules/reference");
    private static final String DRAFT = "2025-06-01";
    private static final String DRAFT_MANIFEST = """
            version: "2025-06-01"
            extends: "2024-01-01"
            submissions:
              from: 2025-06-01
            parameters:
              subsidyMax:
                type: amount
                value: 8000
                description: the highest subsidy one project can ask, lowered
                descriptionNl: de grootste subsidie die één project mag vragen, verlaagd
                source: {document: test, section: budget}
            remove: [906-TITLE]
            """;

    @TempDir
    Path tmp;
    private Path rules;
    private Path data;
    private String reader;

    @BeforeEach
    void setUp() throws IOException {
        rules = tmp.resolve("rules");
        RulesCopy.copyTree(TEST_PACK, rules.resolve("906/2024-01-01"));
        RulesCopy.copyTree(TEST_REFERENCE, rules.resolve("reference"));
        data = tmp.resolve("data");
        try (DecisionStore s = DecisionStore.open(null, data)) {
            reader = s.addToken("analyst", Set.of(TokenScope.READ));
        }
    }

    @Test
    @DisplayName("a draft as a zip: its transitions and rules are those of replaying each decision one by one on it")
    void draft_zip_equals_one_by_one_replays() throws Exception {
        JsonNode viaZip;
        try (TestServer api = TestServer.of(Service.load(rules, DecisionStore.open(null, data), false))) {
            int[] amifs = {5000, 9000, 9500, 12000, 7000};
            for (int i = 0; i < amifs.length; i++) evaluate(api, "Project " + i, amifs[i]);
            evaluate(api, null, 9000);
            evaluate(api, null, 5000);
            // Zipped as a folder is from its parent: the files under one folder.
            TestServer.Response r = postZip(api, "/v1/calls/906/impact", zip(Map.of(DRAFT + "/pack.yaml", DRAFT_MANIFEST)));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            viaZip = r.json();

            // With progress: NDJSON lines, counted forward from 0 of 7, then the same answer.
            TestServer.Response lines = api.send(api.request("/v1/calls/906/impact").header("Authorization", "Bearer " + reader)
                    .header("Content-Type", "application/zip").header("Accept", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(zip(Map.of(DRAFT + "/pack.yaml", DRAFT_MANIFEST)))).build());
            assertThat(lines.status()).as(lines.body()).isEqualTo(200);
            assertThat(lines.contentType()).startsWith("application/x-ndjson");
            List<JsonNode> parsed = new java.util.ArrayList<>();
            for (String line : lines.body().split("\n")) parsed.add(MAPPER.readTree(line));
            assertThat(parsed.get(0).toString()).isEqualTo("{\"progress\":{\"replayed\":0,\"decisions\":7}}");
            List<JsonNode> progress = parsed.subList(0, parsed.size() - 1);
            assertThat(progress).allSatisfy(p -> assertThat(p.get("progress").get("decisions").asLong()).isEqualTo(7));
            assertThat(progress.stream().map(p -> p.get("progress").get("replayed").asLong()).toList()).isSorted().doesNotHaveDuplicates()
                    .allSatisfy(n -> assertThat(n).isBetween(0L, 7L)).hasSizeGreaterThan(1);
            assertThat(parsed.get(parsed.size() - 1).get("impact")).isEqualTo(viaZip);
        }
        assertThat(viaZip.get("against").get("version").asText()).isEqualTo(DRAFT);
        assertThat(viaZip.get("decisions").asLong()).isEqualTo(7);

        // The same draft in the rules folder, served: each decision replayed on it, one by one.
        Files.createDirectories(rules.resolve("906/" + DRAFT));
        Files.writeString(rules.resolve("906/" + DRAFT + "/pack.yaml"), DRAFT_MANIFEST);
        Map<String, Long> transitions = new TreeMap<>();
        Map<String, List<Long>> ruleCounts = new TreeMap<>();
        try (TestServer api = TestServer.of(Service.load(rules, DecisionStore.open(null, data), false))) {
            for (JsonNode d : api.get("/v1/decisions?call=906&limit=1000", reader).json().get("decisions")) {
                TestServer.Response r = api.send(api.request("/v1/decisions/" + d.get("decisionId").asText() + "/replay?version=" + DRAFT)
                        .header("Authorization", "Bearer " + reader).POST(HttpRequest.BodyPublishers.noBody()).build());
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                transitions.merge(d.get("verdict").asText() + " -> " + r.json().get("verdict").get("verdict").asText(), 1L, Long::sum);
                for (JsonNode diff : r.json().get("differences")) {
                    if (!diff.get("kind").asText().equals("findings")) continue;
                    List<Long> c = ruleCounts.getOrDefault(diff.get("rule").asText(), List.of(0L, 0L));
                    ruleCounts.put(diff.get("rule").asText(), List.of(c.get(0) + (diff.get("before").isEmpty() ? 1 : 0),
                            c.get(1) + (diff.get("after").isEmpty() ? 1 : 0)));
                }
            }
            assertThat(api.get("/v1/calls/906", reader).json().get("versions").toString()).contains(DRAFT);
        }
        assertThat(transitionsOf(viaZip)).isEqualTo(transitions)
                .containsEntry("ELIGIBLE -> INELIGIBLE", 2L).containsEntry("INCOMPLETE -> INELIGIBLE", 1L)
                .containsEntry("INCOMPLETE -> ELIGIBLE", 1L);
        Map<String, List<Long>> rules = new TreeMap<>();
        viaZip.get("rules").forEach(x -> rules.put(x.get("rule").asText(), List.of(x.get("added").asLong(), x.get("removed").asLong())));
        assertThat(rules).isEqualTo(ruleCounts).containsEntry("906-SUBSIDY-MAX", List.of(3L, 0L)).containsEntry("906-TITLE", List.of(0L, 2L));
    }

    @Test
    @DisplayName("unsafe or malformed zips, a broken draft and other content types: 4xx naming the problem, nothing compiled")
    void refusals() throws Exception {
        try (TestServer api = TestServer.of(Service.load(rules, DecisionStore.open(null, data), false))) {
            evaluate(api, "Project", 5000);
            String path = "/v1/calls/906/impact";

            TestServer.Response traversal = postZip(api, path, zip(Map.of("pack.yaml", DRAFT_MANIFEST, "../../outside.drl", "rule")));
            assertError(traversal, 400, "invalid_draft", "../../outside.drl", "not a plain relative path");
            assertThat(tmp.getParent().resolve("outside.drl")).doesNotExist();
            assertError(postZip(api, path, zip(Map.of("pack.yaml", DRAFT_MANIFEST, "/etc/x.drl", "rule"))), 400, "invalid_draft", "/etc/x.drl",
                    "not a relative path");

            // A bomb: a few KB that inflate past the bound.
            byte[] zeros = new byte[Draft.MAX_TOTAL_BYTES + 1];
            Map<String, byte[]> bomb = new LinkedHashMap<>();
            bomb.put("pack.yaml", DRAFT_MANIFEST.getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 5; i++) bomb.put("padding" + i + ".txt", java.util.Arrays.copyOf(zeros, Draft.MAX_FILE_BYTES));
            byte[] bombZip = zipBytes(bomb);
            assertThat(bombZip.length).isLessThan(64 * 1024);
            assertError(postZip(api, path, bombZip), 400, "invalid_draft", null, "MB once unzipped");
            Map<String, byte[]> many = new LinkedHashMap<>();
            many.put("pack.yaml", DRAFT_MANIFEST.getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i <= Draft.MAX_ENTRIES; i++) many.put("f" + i + ".txt", new byte[0]);
            assertError(postZip(api, path, zipBytes(many)), 400, "invalid_draft", null, "more than " + Draft.MAX_ENTRIES + " entries");

            assertError(postZip(api, path, "PK\u0003\u0004 not really".getBytes(StandardCharsets.US_ASCII)), 400, "invalid_draft", null, "zip");
            assertError(postZip(api, path, zip(Map.of("rules.drl", "package x;"))), 400, "invalid_draft", null, "no pack.yaml");

            // A draft whose rule file does not compile: the file and line in the zip, in plain words.
            String drl = Files.readString(TEST_PACK.resolve("rules.drl")).replace("subsidy > $limit)", "subsidy > $limt)");
            int line = 1 + (int) drl.substring(0, drl.indexOf("$limt")).chars().filter(c -> c == '\n').count();
            String full = Files.readString(TEST_PACK.resolve("pack.yaml")).replace("\"2024-01-01\"", "\"" + DRAFT + "\"")
                    .replace("from: 2024-01-01", "from: " + DRAFT);
            TestServer.Response broken = postZip(api, path, zip(Map.of("draft/pack.yaml", full, "draft/rules.drl", drl)));
            assertError(broken, 400, "draft_does_not_compile", "draft/rules.drl",
                    "draft/rules.drl:" + line + ":" + (drl.split("\n")[line - 1].indexOf("$limt") + 1) + ": `$limt` is not bound: did you mean `$limit`?");

            // Another content type with a body: 415; a zip with a version: 400; an unknown call: 404.
            TestServer.Response text = api.send(api.request(path).header("Authorization", "Bearer " + reader)
                    .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("pack")).build());
            assertError(text, 415, "unsupported_media_type", null, "application/zip");
            assertError(postZip(api, path + "?version=2024-01-01", zip(Map.of("pack.yaml", DRAFT_MANIFEST))), 400, "invalid_parameter",
                    "version", "replayed on itself");
            assertThat(postZip(api, "/v1/calls/999/impact", zip(Map.of("pack.yaml", DRAFT_MANIFEST))).status()).isEqualTo(404);
        }
    }

    @Test
    @DisplayName("a draft's compile is charged to the memory budget: while other requests hold it, 503 busy; once free, it runs")
    void draft_compile_is_charged_to_the_memory_budget() throws Exception {
        try (TestServer api = TestServer.of(Service.load(rules, DecisionStore.open(null, data), false))) {
            evaluate(api, "Project", 5000);
            byte[] zip = zip(Map.of(DRAFT + "/pack.yaml", DRAFT_MANIFEST));
            try (MemoryBudget.Reservation others = MemoryBudget.HEAP.open()) {
                others.accept(MemoryBudget.HEAP.bytes() - 4L * 1024 * 1024); // room for the zip and its files, not for a compile
                TestServer.Response r = postZip(api, "/v1/calls/906/impact", zip);
                assertError(r, 503, "busy", null, "draft's compile");
            }
            TestServer.Response r = postZip(api, "/v1/calls/906/impact", zip);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
        }
    }

    private static void assertError(TestServer.Response r, int status, String code, String field, String messagePart) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        JsonNode e = r.json().get("error");
        assertThat(e.get("code").asText()).isEqualTo(code);
        if (field == null) assertThat(e.get("field").isNull()).as(r.body()).isTrue();
        else assertThat(e.get("field").asText()).isEqualTo(field);
        assertThat(e.get("message").asText()).contains(messagePart);
    }

    private TestServer.Response postZip(TestServer api, String path, byte[] zip) {
        return api.send(api.request(path).header("Authorization", "Bearer " + reader).header("Content-Type", "application/zip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(zip)).build());
    }

    private static void evaluate(TestServer api, String title, int amif) {
        String proposal = "{\"submittedOn\":\"2024-03-01\"," + (title == null ? "" : "\"title\":\"" + title + "\",")
                + "\"financing\":{\"totalCost\":20000,\"amif\":" + amif + "}}";
        TestServer.Response r = api.postJson("/v1/calls/906/evaluations", proposal);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    static byte[] zip(Map<String, String> files) throws IOException {
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        files.forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return zipBytes(bytes);
    }

    private static byte[] zipBytes(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                z.putNextEntry(new ZipEntry(f.getKey()));
                z.write(f.getValue());
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static Map<String, Long> transitionsOf(JsonNode impact) {
        Map<String, Long> m = new TreeMap<>();
        impact.get("transitions").forEach(t -> m.put(t.get("from").asText() + " -> " + t.get("to").asText(), t.get("count").asLong()));
        return m;
    }
}
