package callcheck.http;

import callcheck.cli.CliRun;
import callcheck.support.RulesCopy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code serve --store none}, the measuring mode of BENCHMARKS.md: verdicts are answered and nothing is recorded, no
 * store is made, and the endpoints that read records are not there; the commands that need a store refuse it.
 */
class StoreNoneTest {
    @TempDir
    Path tmp;

    @Test
    void serve_with_store_none_answers_verdicts_and_records_nothing() throws Exception {
        Path rules = tmp.resolve("rules");
        RulesCopy.copyTree(Path.of("src/test/resources/packs/impact/906"), rules.resolve("906"));
        RulesCopy.copyTree(Path.of("src/test/resources/library/rules/reference"), rules.resolve("reference"));
        Path data = tmp.resolve("data");
        HttpClient client = HttpClient.newHttpClient();
        try (ServerProcess server = ServerProcess.serve(rules, "--data", data.toString(), "--store", "none")) {
            HttpResponse<String> verdict = client.send(HttpRequest.newBuilder(server.base.resolve("/v1/calls/906/evaluations"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"submittedOn\":\"2024-03-01\",\"title\":\"T\",\"financing\":{\"totalCost\":20000,\"amif\":12000}}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(verdict.statusCode()).as(verdict.body()).isEqualTo(200);
            assertThat(verdict.body()).contains("\"verdict\":\"INELIGIBLE\"", "906-SUBSIDY-MAX");
            HttpResponse<String> list = client.send(HttpRequest.newBuilder(server.base.resolve("/v1/decisions")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(list.statusCode()).isEqualTo(404);
        }
        assertThat(Files.exists(data)).as("no store was made").isFalse();
    }

    @Test
    void the_commands_that_need_a_store_refuse_store_none() {
        CliRun run = CliRun.of("token", "add", "portal", "--data", tmp.resolve("data").toString(), "--store", "none");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--store none records nothing");
        assertThat(Files.exists(tmp.resolve("data"))).isFalse();
    }
}
