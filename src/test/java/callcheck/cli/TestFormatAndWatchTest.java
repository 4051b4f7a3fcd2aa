package callcheck.cli;

import callcheck.json.Json;
import callcheck.pack.PackLoader;
import callcheck.support.Await;
import callcheck.support.RulesCopy;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code test --format json}, coverage per version, and {@code test --watch}. */
class TestFormatAndWatchTest {
    @TempDir
    Path tmp;

    /**
     * Call 905 in two versions, the second a delta that raises subsidyMax (so 905-SUBSIDY-MAX changes there and
     * 905-TITLE does not), with examples: in the first version one over the maximum, one without a title, one that passes
     * both; in the second one that passes both.
     */
    private Path[] call905() throws IOException {
        Path rules = tmp.resolve("rules"), examples = tmp.resolve("examples");
        RulesCopy.copyTree(Path.of("src/test/resources/packs/analyst"), rules);
        RulesCopy.copyTree(CallNewCommandTest.REFERENCE, rules.resolve("reference"));
        Files.createDirectories(rules.resolve("905/2025-01-01"));
        Files.writeString(rules.resolve("905/2025-01-01/pack.yaml"), """
                version: "2025-01-01"
                extends: "2024-01-01"
                submissions:
                  from: 2025-01-01
                parameters:
                  subsidyMax: {value: 12000}
                """);
        Files.createDirectories(examples.resolve("905"));
        example(examples, "fine-2024", "2024-03-01", "\"A title\"", 5000, "ELIGIBLE");
        example(examples, "over-2024", "2024-03-01", "\"A title\"", 11000, "INELIGIBLE", "905-SUBSIDY-MAX");
        example(examples, "untitled-2024", "2024-03-01", "null", 5000, "INCOMPLETE", "905-TITLE");
        example(examples, "fine-2025", "2025-03-01", "\"A title\"", 11000, "ELIGIBLE");
        return new Path[]{rules, examples};
    }

    private static void example(Path examples, String name, String day, String title, int amif, String verdict, String... findings) throws IOException {
        Files.writeString(examples.resolve("905/" + name + ".json"), """
                {"submittedOn": "%s", "title": %s, "financing": {"totalCost": 40000, "amif": %d, "vvsg": 0, "own": %d}}
                """.formatted(day, title, amif, 40000 - amif));
        List<String> quoted = new ArrayList<>();
        for (String f : findings) quoted.add("\"" + f + "\"");
        Files.writeString(examples.resolve("905/" + name + ".expected.json"), """
                {"verdict": "%s", "findings": [%s], "about": "test"}
                """.formatted(verdict, String.join(", ", quoted)));
    }

    @Test
    @DisplayName("--format json: results and coverage; a rule whose parameter changed in a version is covered by that version's examples alone")
    void json_and_coverage_per_version() throws IOException {
        Path[] f = call905();
        CliRun run = CliRun.of("test", "--format", "json", "--rules", f[0].toString(), "--examples", f[1].toString());
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
        JsonNode root = Json.output().readTree(run.out());
        assertThat(run.outLines()).hasSize(1);
        assertThat(root.get("ok").asBoolean()).isFalse();
        assertThat(root.at("/totals/examples").asInt()).isEqualTo(4);
        assertThat(root.at("/totals/failed").asInt()).isZero();
        assertThat(root.get("results")).hasSize(4).allSatisfy(r -> assertThat(r.get("passed").asBoolean()).isTrue());
        assertThat(root.get("results")).anySatisfy(r -> {
            assertThat(r.get("name").asText()).isEqualTo("fine-2025");
            assertThat(r.get("version").asText()).isEqualTo("2025-01-01");
        });
        List<String> rows = new ArrayList<>();
        root.get("coverage").forEach(c -> rows.add(c.get("rule").asText() + " " + c.get("versions") + " found " + c.get("found")
                + " passed " + c.get("passed") + " " + (c.get("covered").asBoolean() ? "covered" : c.get("gap").asText())));
        assertThat(rows).containsExactly(
                "905-SUBSIDY-MAX [\"2024-01-01\"] found 1 passed 2 covered",
                "905-SUBSIDY-MAX [\"2025-01-01\"] found 0 passed 1 no example makes it find anything",
                "905-TITLE [\"2024-01-01\",\"2025-01-01\"] found 1 passed 3 covered");

        example(f[1], "over-2025", "2025-03-01", "\"A title\"", 13000, "INELIGIBLE", "905-SUBSIDY-MAX");
        CliRun covered = CliRun.of("test", "--format", "json", "--rules", f[0].toString(), "--examples", f[1].toString());
        assertThat(covered.exit()).as(covered.out()).isZero();
        assertThat(Json.output().readTree(covered.out()).get("ok").asBoolean()).isTrue();
        CliRun table = CliRun.of("test", "--rules", f[0].toString(), "--examples", f[1].toString());
        assertThat(table.out()).containsPattern("905 +905-SUBSIDY-MAX +2025-01-01 +1 +1");
    }

    @Test
    @DisplayName("--watch: a saved rule file runs the call's examples again on the warm loader, and shows the new result")
    void watch_runs_again_on_save() throws Exception {
        Path[] f = call905();
        TestCommand command = new TestCommand();
        new CommandLine(command).parseArgs("--watch", "--call", "905", "--rules", f[0].toString(), "--examples", f[1].toString());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        PackLoader loader = new PackLoader();
        assertThat(command.run(loader, "905", out)).isEqualTo(1); // 905-SUBSIDY-MAX of 2025 uncovered
        try (var watcher = command.watch(loader, out)) {
            Path drl = f[0].resolve("905/2024-01-01/rules.drl");
            Files.writeString(drl, Files.readString(drl).replace("subsidy > $limit", "subsidy > $limit * 2"));
            String text = Await.until("the run after the save", () -> bytes.toString(StandardCharsets.UTF_8),
                    s -> s.contains("call 905 changed") && s.substring(s.indexOf("call 905 changed")).contains(" ms)"));
            String after = text.substring(text.indexOf("call 905 changed"));
            assertThat(after).containsPattern("905/over-2024 +2024-01-01 +INELIGIBLE +ELIGIBLE +FAIL");

            Files.writeString(f[1].resolve("905/over-2024.expected.json"), "{\"verdict\": \"ELIGIBLE\", \"findings\": [], \"about\": \"test\"}\n");
            String next = Await.until("the run after an example changed", () -> bytes.toString(StandardCharsets.UTF_8),
                    s -> s.lastIndexOf("call 905 changed") > text.lastIndexOf("call 905 changed")
                            && s.substring(s.lastIndexOf("call 905 changed")).contains(" ms)"));
            assertThat(next.substring(next.lastIndexOf("call 905 changed"))).containsPattern("905/over-2024 +2024-01-01 +ELIGIBLE +ELIGIBLE +pass");
        }
    }
}
