package callcheck.cli;

import callcheck.json.Json;
import callcheck.pack.PackLoader;
import callcheck.support.RulesCopy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The analyst's small complaints of round 3: closing a delta, overwriting an example, a text field set as written. */
class AnalystFixesTest {
    private static final Path PACK = Path.of("src/test/resources/packs/analyst");

    @TempDir
    Path tmp;

    /** Call 905 with the test reference data, as a rules folder. */
    private Path rules() {
        Path rules = tmp.resolve("rules");
        if (!Files.isDirectory(rules)) {
            RulesCopy.copyTree(PACK, rules);
            RulesCopy.copyTree(CallNewCommandTest.REFERENCE, rules.resolve("reference"));
        }
        return rules;
    }

    @Test
    @DisplayName("version --close-previous from a delta that inherits its submission dates: states them with the end, and both versions load")
    void closes_a_delta_that_states_no_submissions() throws IOException {
        Path rules = rules();
        Path delta = rules.resolve("905/2024-06-01");
        Files.createDirectories(delta);
        Files.writeString(delta.resolve("pack.yaml"), """
                version: "2024-06-01"
                extends: "2024-01-01"
                parameters:
                  subsidyMax: {value: 12000}
                """);
        CliRun run = CliRun.of("version", "--call", "905", "--from", "2024-06-01", "--new", "2025-01-01", "--submissions-from", "2025-01-01",
                "--close-previous", "--rules", rules.toString());
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("ended 905/2024-06-01: submissions until 2024-12-31");
        String closed = Files.readString(delta.resolve("pack.yaml"));
        assertThat(closed).startsWith("version: \"2024-06-01\"\nextends: \"2024-01-01\"\n").endsWith("submissions:\n  from: 2024-01-01\n  until: 2024-12-31\n");
        var before = new PackLoader().load(rules, delta);
        assertThat(before.manifest().submissions().from()).hasToString("2024-01-01");
        assertThat(before.manifest().submissions().until()).hasToString("2024-12-31");
        assertThat(before.parameters().amount("subsidyMax")).isEqualByComparingTo("12000");
        var after = new PackLoader().load(rules, rules.resolve("905/2025-01-01"));
        assertThat(after.manifest().submissions().from()).hasToString("2025-01-01");
        assertThat(after.parameters().amount("subsidyMax")).isEqualByComparingTo("12000");
    }

    @Test
    @DisplayName("example: refuses to overwrite an example unless --force, which rewrites it and its expected result")
    void example_force_overwrites() throws IOException {
        Path examples = example();
        String[] args = {"example", "--call", "905", "--from", "base", "--name", "over", "--set", "financing.amif=15000", "--yes",
                "--rules", rules().toString(), "--examples", examples.toString()};
        assertThat(CliRun.of(args).exit()).isZero();
        assertThat(Files.readString(examples.resolve("905/over.expected.json"))).contains("905-SUBSIDY-MAX");

        String[] again = {"example", "--call", "905", "--from", "base", "--name", "over", "--set", "financing.amif=5000", "--yes",
                "--rules", rules().toString(), "--examples", examples.toString()};
        CliRun refused = CliRun.of(again);
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("over.json exists already (--force to overwrite it)");
        assertThat(Json.output().readTree(examples.resolve("905/over.json").toFile()).at("/financing/amif").asInt()).isEqualTo(15000);

        String[] forced = java.util.Arrays.copyOf(again, again.length + 1);
        forced[again.length] = "--force";
        CliRun run = CliRun.of(forced);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(Json.output().readTree(examples.resolve("905/over.json").toFile()).at("/financing/amif").asInt()).isEqualTo(5000);
        assertThat(Files.readString(examples.resolve("905/over.expected.json"))).doesNotContain("905-SUBSIDY-MAX").contains("\"ELIGIBLE\"");
    }

    @Test
    @DisplayName("--set takes a plain value as text where the field holds text (a NIS code), as JSON where it holds a number")
    void set_takes_text_for_a_text_field() throws IOException {
        ObjectNode p = (ObjectNode) Json.output().readTree("""
                {"applicant": {"name": "A", "kind": "MUNICIPALITY", "members": ["11001"]}, "financing": {"amif": 1},
                 "partners": [{"name": "B"}]}""");
        ExampleCommand.set(p, "applicant.nis=37015");
        ExampleCommand.set(p, "applicant.members[1]=11002");
        ExampleCommand.set(p, "partners[0].name=2024");
        ExampleCommand.set(p, "financing.amif=25000");
        ExampleCommand.set(p, "financing.annexIV=true");
        ExampleCommand.set(p, "partners[0].kind=COMPANY");
        assertThat(p.at("/applicant/nis").isTextual()).isTrue();
        assertThat(p.at("/applicant/nis").asText()).isEqualTo("37015");
        assertThat(p.at("/applicant/members/1").asText()).isEqualTo("11002");
        assertThat(p.at("/applicant/members/1").isTextual()).isTrue();
        assertThat(p.at("/partners/0/name").isTextual()).isTrue();
        assertThat(p.at("/financing/amif").isNumber()).isTrue();
        assertThat(p.at("/financing/annexIV").isBoolean()).isTrue();
        assertThat(p.at("/partners/0/kind").asText()).isEqualTo("COMPANY");
    }

    @Test
    @DisplayName("example --set applicant.nis=37015 makes an example the reader takes, without JSON quoting")
    void example_with_a_plain_nis() throws IOException {
        Path examples = example();
        CliRun run = CliRun.of("example", "--call", "905", "--from", "base", "--name", "tielt", "--set", "applicant.nis=37015", "--yes",
                "--rules", rules().toString(), "--examples", examples.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode written = Json.output().readTree(examples.resolve("905/tielt.json").toFile());
        assertThat(written.at("/applicant/nis").isTextual()).isTrue();
    }

    private Path example() throws IOException {
        Path examples = tmp.resolve("examples");
        Files.createDirectories(examples.resolve("905"));
        Files.writeString(examples.resolve("905/base.json"), """
                {"submittedOn": "2024-03-01", "title": "Base",
                 "applicant": {"name": "Gemeente A", "kind": "MUNICIPALITY", "nis": "11002"},
                 "financing": {"totalCost": 40000, "amif": 5000, "vvsg": 0, "own": 35000}}
                """);
        return examples;
    }
}
