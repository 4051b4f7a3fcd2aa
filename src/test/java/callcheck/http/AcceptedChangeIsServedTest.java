package callcheck.http;

import callcheck.cli.CliRun;
import callcheck.reload.RulesWatcher;
import callcheck.support.Await;
import callcheck.support.RulesCopy;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analyst's loop against a running service, on the test pack of its own (call 905, its own examples written here):
 * a number changed in the version that serves, a new version made with {@code callcheck version}, an example for it
 * made with {@code callcheck example}, then {@code callcheck test --accept --yes}. Until the accept, the examples gate
 * refuses the changed pack and the last good one serves; after it, the service serves both versions, with no restart.
 */
class AcceptedChangeIsServedTest {
    private static final Path TEST_PACK = Path.of("src/test/resources/packs/analyst/905");
    private static final Path TEST_REFERENCE = Path.of("src/test/resources/library/rules/reference");
    private static final String V1 = "2024-01-01";
    private static final String V2 = "2025-01-01";

    @TempDir
    Path tmp;

    @Test
    void after_test_accept_the_running_service_serves_the_change_without_a_restart() throws IOException {
        Path rules = tmp.resolve("rules");
        RulesCopy.copyTree(TEST_PACK, rules.resolve("905"));
        RulesCopy.copyTree(TEST_REFERENCE, rules.resolve("reference"));
        Path examples = tmp.resolve("examples");
        // Each rule of the pack finds something in one example and lets another pass (the coverage `test` checks).
        example(examples, "asks-9000", "{\"submittedOn\":\"2024-03-01\",\"title\":\"t\",\"financing\":{\"totalCost\":20000,\"amif\":9000}}",
                "ELIGIBLE");
        example(examples, "asks-11000", "{\"submittedOn\":\"2024-03-01\",\"title\":\"t\",\"financing\":{\"totalCost\":30000,\"amif\":11000}}",
                "INELIGIBLE", "905-SUBSIDY-MAX");
        example(examples, "no-title", "{\"submittedOn\":\"2024-03-01\",\"financing\":{\"amif\":5000}}", "INCOMPLETE", "905-TITLE");
        String[] where = {"--rules", rules.toString(), "--examples", examples.toString()};
        CliRun first = cli("test", "--call", "905", where);
        assertThat(first.exit()).as(first.out() + first.err()).isZero();

        try (TestServer api = TestServer.serve(rules, examples, RulesWatcher.SETTLE)) {
            JsonNode before = evaluate(api, "2024-03-01");
            assertThat(before.get("verdict").asText()).isEqualTo("ELIGIBLE");

            // A lower maximum: asks-9000 now gives another verdict than it expects, so the gate refuses the pack.
            Path manifest = rules.resolve("905/" + V1 + "/pack.yaml");
            Files.writeString(manifest, Files.readString(manifest).replace("    value: 10000\n", "    value: 8000\n"));
            JsonNode refused = Await.until("the gate to refuse the changed pack", () -> api.get("/health"), r -> !r.json().get("failures").isEmpty()).json();
            assertThat(refused.get("failures").toString()).contains("asks-9000");
            assertThat(evaluate(api, "2024-03-01").get("digest")).as("the last good pack serves").isEqualTo(before.get("digest"));

            CliRun version = cli("version", "--call", "905", "--from", V1, "--new", V2, "--submissions-from", V2, "--close-previous", "--rules", rules.toString());
            assertThat(version.exit()).as(version.out() + version.err()).isZero();
            CliRun example = cli("example", "--call", "905", "--from", "asks-9000", "--set", "submittedOn=2025-02-01", "--name", "asks-9000-in-2025",
                    "--yes", where);
            assertThat(example.exit()).as(example.out() + example.err()).isZero();
            CliRun accept = cli("test", "--accept", "--yes", "--call", "905", where);
            assertThat(accept.exit()).as(accept.out()).isZero();
            assertThat(accept.out()).contains("asks-9000", "ELIGIBLE -> INELIGIBLE");

            JsonNode ready = Await.until("the accepted change to serve", () -> api.get("/health"), r -> r.json().get("failures").isEmpty()).json();
            assertThat(ready.get("failures")).isEmpty();
            assertThat(api.get("/v1/calls/905").json().get("versions").findValuesAsText("version")).containsExactly(V1, V2);
            JsonNode changed = evaluate(api, "2024-03-01");
            assertThat(changed.get("version").asText()).isEqualTo(V1);
            assertThat(changed.get("verdict").asText()).isEqualTo("INELIGIBLE");
            assertThat(changed.get("digest")).isNotEqualTo(before.get("digest"));
            JsonNode next = evaluate(api, "2025-02-01");
            assertThat(next.get("version").asText()).isEqualTo(V2);
            assertThat(next.get("verdict").asText()).isEqualTo("INELIGIBLE");
        }
    }

    /** One command line run in this process: each part a word, or the words of an array (the folders). */
    private static CliRun cli(Object... parts) {
        java.util.List<String> args = new java.util.ArrayList<>();
        for (Object p : parts) {
            if (p instanceof String[] words) args.addAll(java.util.List.of(words));
            else args.add((String) p);
        }
        return CliRun.of(args.toArray(String[]::new));
    }

    private static JsonNode evaluate(TestServer api, String submittedOn) {
        TestServer.Response r = api.postJson("/v1/calls/905/evaluations",
                "{\"submittedOn\":\"" + submittedOn + "\",\"title\":\"t\",\"financing\":{\"totalCost\":20000,\"amif\":9000}}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static void example(Path examples, String name, String proposal, String verdict, String... findings) throws IOException {
        Path dir = Files.createDirectories(examples.resolve("905"));
        Files.writeString(dir.resolve(name + ".json"), proposal);
        Files.writeString(dir.resolve(name + ".expected.json"), "{\"verdict\":\"" + verdict + "\",\"findings\":["
                + String.join(",", java.util.Arrays.stream(findings).map(f -> "\"" + f + "\"").toList()) + "]}");
    }
}
