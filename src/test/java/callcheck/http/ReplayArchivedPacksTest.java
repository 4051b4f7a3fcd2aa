package callcheck.http;

import callcheck.examples.Example;
import callcheck.store.DecisionStore;
import callcheck.support.Packs;
import callcheck.support.RulesCopy;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A decision replays exactly on the pack that made it, from the archive, once the pack's files were edited and
 * once they were deleted: every example of every call. The rules folder is a copy, the service restarted on it as
 * an operator would after an edit.
 */
class ReplayArchivedPacksTest {
    @TempDir
    Path temp;

    @Test
    void every_example_replays_identically_after_its_pack_files_were_edited_then_deleted() throws IOException {
        Path rules = RulesCopy.into(temp.resolve("rules")).root();
        Path data = temp.resolve("data");
        String token;
        try (DecisionStore s = DecisionStore.open(null, data)) {
            token = s.addToken("auditor");
        }
        Map<String, String> decided = new LinkedHashMap<>(); // decision id -> example
        try (TestServer api = TestServer.of(Service.load(rules, DecisionStore.open(null, data), false))) {
            for (Example e : Example.all(Packs.EXAMPLES)) {
                String q = e.expected().version() == null ? "" : "?version=" + e.expected().version();
                TestServer.Response r = api.postJson("/v1/calls/" + e.call() + "/evaluations" + q, new String(e.proposal(), StandardCharsets.UTF_8));
                if (r.status() == 200) decided.put(r.json().get("decisionId").asText(), e.call() + "/" + e.name());
            }
        }
        assertThat(decided).hasSizeGreaterThan(50);

        // Edited: every manifest, DRL and reference file gets a line more; every pack gets another digest.
        try (Stream<Path> files = Files.walk(rules)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".yaml")) Files.writeString(f, "\n# edited\n", java.nio.file.StandardOpenOption.APPEND);
                if (name.endsWith(".drl")) Files.writeString(f, "\n// edited\n", java.nio.file.StandardOpenOption.APPEND);
                if (name.endsWith(".csv")) Files.writeString(f, "\n", java.nio.file.StandardOpenOption.APPEND);
            }
        }
        replayAll(rules, data, token, decided);

        // Deleted: nothing is left of the packs and modules, only the (edited) reference data the service needs to start.
        try (Stream<Path> files = Files.walk(rules)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!f.equals(rules) && !f.startsWith(rules.resolve("reference"))) Files.delete(f);
            }
        }
        replayAll(rules, data, token, decided);
    }

    private static void replayAll(Path rules, Path data, String token, Map<String, String> decided) {
        try (TestServer api = TestServer.of(Service.load(rules, DecisionStore.open(null, data), false))) {
            List<String> servingDigests = api.get("/v1/calls").json().findValuesAsText("digest");
            assertThat(api.get("/health").json().get("failures")).as("the edited packs compile").isEmpty();
            decided.forEach((id, example) -> {
                String digest = api.get("/v1/decisions/" + id, token).json().get("digest").asText();
                assertThat(servingDigests).as("the pack of %s no longer serves", example).doesNotContain(digest);
                TestServer.Response r = api.send(api.request("/v1/decisions/" + id + "/replay").header("Authorization", "Bearer " + token)
                        .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
                assertThat(r.status()).as(example + ": " + r.body()).isEqualTo(200);
                JsonNode replay = r.json();
                assertThat(replay.get("identical").asBoolean()).as(example + ": " + replay.get("differences")).isTrue();
                assertThat(replay.get("differences")).isEmpty();
                assertThat(replay.get("digest").asText()).isEqualTo(digest);
            });
        }
    }
}
