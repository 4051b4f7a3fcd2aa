package callcheck.http;

import callcheck.evaluation.LoadReport;
import callcheck.evaluation.PackEngine;
import callcheck.evaluation.PackSet;
import callcheck.engine.CompileError;
import callcheck.pack.PackLoader;
import callcheck.pack.RulePack;
import callcheck.support.RulesCopy;
import callcheck.support.Packs;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * /health says what serves and what failed, with file and line; a failed folder makes it degraded and leaves the
 * service ready (/health/ready 200) while every call that served serves; a call that serves no version any more makes
 * it not ready.
 */
class HealthTest {

    @Test
    void aNewFolderThatNeverCompiledMakesTheServiceDegradedAndStillReadyWhileTheOthersServe(@TempDir Path rules) throws IOException {
        RulesCopy.copyTree(Packs.RULES.resolve(PackLoader.REFERENCE_DIR), rules.resolve(PackLoader.REFERENCE_DIR));
        RulesCopy.copyTree(Path.of("src/test/resources/packs/broken/999"), rules.resolve("999"));
        LoadReport report = LoadReport.load(rules, new PackLoader());
        assertThat(report.failures()).containsOnlyKeys("999/2020-01-01");

        try (TestServer api = TestServer.start(Packs.engine(), report.failures())) {
            TestServer.Response r = api.get("/health");

            assertThat(r.status()).isEqualTo(200);
            JsonNode health = r.json();
            assertThat(health.get("status").asText()).isEqualTo("degraded");
            assertThat(api.get("/health/ready").status()).isEqualTo(200);
            assertThat(api.get("/health/live").status()).isEqualTo(200);
            JsonNode failure = health.get("failures").get(0);
            assertThat(failure.get("pack").asText()).isEqualTo("999/2020-01-01");
            assertThat(failure.get("status").asText()).isEqualTo("failed");
            JsonNode error = failure.get("errors").get(0);
            assertThat(error.get("file").asText()).isEqualTo("999/2020-01-01/broken.drl");
            assertThat(error.get("line").asInt()).isEqualTo(lineOf(rules.resolve("999/2020-01-01/broken.drl"), "noSuchField"));
            assertThat(error.get("message").asText()).isNotBlank();
            assertThat(health.get("packs")).hasSize(Packs.engine().packs().all().size());
            assertThat(health.get("packs").get(0).get("status").asText()).isEqualTo("serving");
            // the packs that compiled still answer
            assertThat(api.postJson("/v1/calls/507/evaluations", callcheck.support.ProposalJson.from("507/eligible-tielt-pittem.json").text())
                    .status()).isEqualTo(200);
        }
    }

    @Test
    void aFolderThatNoLongerCompilesWhileItsLastGoodVersionServesSaysSo() {
        RulePack serving = Packs.engine().packs().versions("507").get(0);
        String folder = serving.call() + "/" + serving.version();
        Map<String, List<CompileError>> failures = Map.of(folder, List.of(new CompileError(folder + "/financing.drl", 12, 5, "edited badly")));

        try (TestServer api = TestServer.start(Packs.engine(), failures)) {
            JsonNode health = api.get("/health").json();

            assertThat(health.get("status").asText()).isEqualTo("degraded");
            assertThat(api.get("/health/ready").status()).isEqualTo(200);
            JsonNode pack = null;
            for (JsonNode p : health.get("packs")) {
                if (p.get("call").asText().equals(serving.call()) && p.get("version").asText().equals(serving.version())) pack = p;
            }
            assertThat(pack.get("status").asText()).isEqualTo("serving_last_good");
            assertThat(pack.get("digest").asText()).isEqualTo(serving.digest());
            assertThat(health.get("failures").get(0).get("status").asText()).isEqualTo("serving_last_good");
            assertThat(health.get("failures").get(0).get("errors").get(0).get("line").asInt()).isEqualTo(12);
        }
    }

    @Test
    void clearingTheFailuresMakesItReady() {
        Map<String, List<CompileError>> failures = Map.of("999/2020-01-01", List.of(new CompileError("999/2020-01-01/a.drl", 1, 1, "x")));
        try (TestServer api = TestServer.start(Packs.engine(), failures)) {
            assertThat(api.get("/health").json().get("status").asText()).isEqualTo("degraded");

            api.server.health().failures(Map.of());

            assertThat(api.get("/health").json().get("status").asText()).isEqualTo("ready");
        }
    }

    @Test
    void aCallThatServedAndServesNoVersionAnyMoreMakesTheServiceNotReadyUntilItsFolderIsDeleted() {
        PackSet all = Packs.engine().packs();
        PackEngine engine = new PackEngine(all);
        try (TestServer api = TestServer.start(engine, Map.of())) {
            assertThat(api.get("/health/ready").status()).isEqualTo(200);

            // 507's folders fail, and no version of it serves any more
            api.server.health().failures(Map.of("507/2020-07-14", List.of(new CompileError("507/2020-07-14/pack.yaml", 1, 1, "unreadable"))));
            engine.swap(new PackSet(all.all().stream().filter(p -> !p.call().equals("507")).toList(), all.reference()));

            assertThat(api.get("/health/ready").status()).isEqualTo(503);
            assertThat(api.get("/health/ready").json().get("status").asText()).isEqualTo("not_ready");
            TestServer.Response health = api.get("/health");
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.json().get("status").asText()).isEqualTo("not_ready");
            assertThat(api.get("/health/live").status()).as("the process still serves").isEqualTo(200);

            api.server.health().failures(Map.of()); // as a reload finds once 507's folders are deleted
            assertThat(api.get("/health/ready").status()).isEqualTo(200);
        }
    }

    @Test
    void nothingServingIsNotReady() {
        try (TestServer api = TestServer.start(new PackEngine(new PackSet(List.of(), null)), Map.of())) {
            assertThat(api.get("/health/ready").status()).isEqualTo(503);
            assertThat(api.get("/health").json().get("status").asText()).isEqualTo("not_ready");
        }
    }

    private static int lineOf(Path file, String text) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains(text)) return i + 1;
        throw new AssertionError(text + " not in " + file);
    }

}
