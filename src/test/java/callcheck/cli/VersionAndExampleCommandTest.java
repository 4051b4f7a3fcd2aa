package callcheck.cli;

import callcheck.json.Json;
import callcheck.support.Packs;
import callcheck.support.PackVersions;
import callcheck.support.RulesCopy;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The commands that do an analyst's repetitive work: a new version of a call, a new example from another. */
class VersionAndExampleCommandTest {

    @TempDir
    Path tmp;

    @Test
    @DisplayName("version --copy: copies the folder, sets version and submissions.from, ends the old version the day before, keeps the rest")
    void version_copies_and_closes_the_previous() throws IOException {
        RulesCopy copy = RulesCopy.into(tmp.resolve("rules"), "507");
        String name = PackVersions.freshName(copy.root(), "507");
        Path old = copy.root().resolve("507/2020-07-14/pack.yaml");
        String before = Files.readString(old);
        CliRun run = CliRun.of("version", "--call", "507", "--from", "2020-07-14", "--new", name, "--submissions-from", "2030-02-01",
                "--close-previous", "--copy", "--rules", copy.root().toString());
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("ended 507/2020-07-14: submissions until 2030-01-31", "it compiles: ",
                "callcheck diff --call 507 --from 2020-07-14 --to " + name);
        String made = Files.readString(copy.root().resolve("507").resolve(name).resolve("pack.yaml"));
        assertThat(made).contains("version: \"" + name + "\"\n", "  from: 2030-02-01\n")
                .isEqualTo(before.replace("version: \"2020-07-14\"", "version: \"" + name + "\"").replace("  from: 2020-07-14", "  from: 2030-02-01"));
        assertThat(Files.readString(old)).isEqualTo(before.replaceFirst("(?m)^  until: .*$", "  until: 2030-01-31"));
        assertThat(copy.load("507", name).manifest().submissions().from()).hasToString("2030-02-01");
        assertThat(copy.load("507", "2020-07-14").manifest().submissions().until()).hasToString("2030-01-31");

        CliRun again = CliRun.of("version", "--call", "507", "--from", "2020-07-14", "--new", name, "--submissions-from", "2030-02-01",
                "--rules", copy.root().toString());
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains("exists already");
    }

    @Test
    @DisplayName("version: writes a pack.yaml that extends the source and states only the version and its first day; it compiles to the source's rules")
    void version_writes_a_delta() throws IOException {
        RulesCopy copy = RulesCopy.into(tmp.resolve("rules"), "507");
        String name = PackVersions.freshName(copy.root(), "507");
        CliRun run = CliRun.of("version", "--call", "507", "--from", "2020-07-14", "--new", name, "--submissions-from", "2030-02-01",
                "--rules", copy.root().toString());
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        Path folder = copy.root().resolve("507").resolve(name);
        try (var files = Files.list(folder)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("pack.yaml");
        }
        assertThat(Files.readString(folder.resolve("pack.yaml"))).contains("extends: \"2020-07-14\"\n", "version: \"" + name + "\"\n", "  from: 2030-02-01\n");
        var made = copy.load("507", name);
        var source = copy.load("507", "2020-07-14");
        assertThat(made.manifest().submissions().from()).hasToString("2030-02-01");
        assertThat(made.ruleIds()).isEqualTo(source.ruleIds());
        assertThat(made.parameters().all().keySet()).isEqualTo(source.parameters().all().keySet());
        assertThat(made.lineage().extendsVersion()).isEqualTo("2020-07-14");
    }

    @Test
    @DisplayName("example: shows the result of the changed copy; writes it and its expected result only once confirmed")
    void example_shows_then_writes() throws IOException {
        Path examples = tmp.resolve("examples");
        Files.createDirectories(examples.resolve("507"));
        for (String f : new String[]{"eligible-tielt-pittem.json", "eligible-tielt-pittem.expected.json"}) {
            Files.copy(Packs.EXAMPLES.resolve("507").resolve(f), examples.resolve("507").resolve(f));
        }
        String[] args = {"example", "--call", "507", "--from", "eligible-tielt-pittem", "--name", "amif-over", "--set", "financing.amif=30000",
                "--set", "financing.own=30000", "--version", "2020-07-14", "--rules", Packs.RULES.toString(), "--examples", examples.toString()};
        Path written = examples.resolve("507/amif-over.json");

        CliRun refused = CliRun.withInput("\n", args);
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.out()).contains("507/amif-over (from eligible-tielt-pittem), version 2020-07-14: INELIGIBLE", "  507-AMIF-SHARE BLOCKING: ",
                "Nothing written.");
        assertThat(written).doesNotExist();

        CliRun confirmed = CliRun.withInput("y\n", args);
        assertThat(confirmed.exit()).as(confirmed.err()).isZero();
        JsonNode proposal = Json.output().readTree(Files.readString(written));
        assertThat(proposal.get("financing").get("amif").asInt()).isEqualTo(30000);
        assertThat(proposal.get("title").asText()).isEqualTo("Samen op weg in Tielt en Pittem");
        JsonNode expected = Json.output().readTree(Files.readString(examples.resolve("507/amif-over.expected.json")));
        assertThat(expected.get("verdict").asText()).isEqualTo("INELIGIBLE");
        assertThat(expected.get("findings")).extracting(JsonNode::asText).contains("507-AMIF-SHARE");
        assertThat(expected.get("version").asText()).isEqualTo("2020-07-14");
        assertThat(expected.get("about").asText()).contains("financing.amif=30000");
        assertThat(CliRun.of("test", "--call", "507", "--rules", Packs.RULES.toString(), "--examples", examples.toString()).out())
                .containsPattern("507/amif-over +2020-07-14 +INELIGIBLE +INELIGIBLE +pass");

        CliRun bad = CliRun.of("example", "--call", "507", "--from", "eligible-tielt-pittem", "--name", "bad", "--set", "financing.amif=abc",
                "--yes", "--rules", Packs.RULES.toString(), "--examples", examples.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("financing.amif");
        assertThat(examples.resolve("507/bad.json")).doesNotExist();
    }
}
