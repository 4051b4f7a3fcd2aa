package callcheck.cli;

import callcheck.examples.Example;
import callcheck.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import callcheck.examples.RoundExample;
import callcheck.support.Packs;
import callcheck.support.RulesCopy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class TestCommandTest {

    @TempDir
    Path tmp;

    @Test
    @DisplayName("the project's examples: a passing row per example, a coverage row per rule, exit 0")
    void the_project_passes() {
        CliRun run = CliRun.of("test", "--rules", Packs.RULES.toString(), "--examples", Packs.EXAMPLES.toString());
        assertThat(run.exit()).as(run.out()).isZero();
        List<Example> examples = Example.all(Packs.EXAMPLES);
        for (Example e : examples) {
            assertThat(run.outLines()).anySatisfy(l -> assertThat(l).matches(e.call() + "/" + e.name() + " +\\S+ +" + e.expected().verdict()
                    + " +" + e.expected().verdict() + " +pass"));
        }
        List<RoundExample> rounds = RoundExample.all(Packs.EXAMPLES);
        for (RoundExample e : rounds) {
            assertThat(run.outLines()).anySatisfy(l -> assertThat(l).startsWith(e.call() + "/rounds/" + e.name() + " ").endsWith(" pass"));
        }
        Packs.engine().packs().all().forEach(p -> java.util.stream.Stream.concat(p.ruleIds().stream(),
                p.round() == null ? java.util.stream.Stream.<String>empty() : p.round().ruleIds().stream()).forEach(id ->
                assertThat(run.outLines()).anySatisfy(l -> assertThat(l).matches(p.call() + " +" + id + " +[-\\w ]*" + p.version() + "[-\\w ]* +[1-9]\\d* +\\d+( +\\(never silent, refuses in \\d+\\))?"))));
        int all = examples.size() + rounds.size();
        assertThat(run.outLines()).last().asString().startsWith(all + " examples (" + rounds.size() + " rounds): " + all + " pass, 0 fail; ")
                .endsWith(" 0 uncovered; 0 versions unreached");
    }

    @Test
    @DisplayName("an example that does not give what it expects: a FAIL row saying what differs, exit 1")
    void a_wrong_expectation_fails() throws IOException {
        Path examples = copyExamples("507");
        Path expected = examples.resolve("507/submitted-late.expected.json");
        Files.writeString(expected, Files.readString(expected).replace("\"INELIGIBLE\"", "\"ELIGIBLE\""));
        CliRun run = CliRun.of("test", "--rules", Packs.RULES.toString(), "--examples", examples.toString(), "--call", "507");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.outLines()).anySatisfy(l -> assertThat(l).matches(
                "507/submitted-late +2020-07-14 +ELIGIBLE +INELIGIBLE +FAIL +expected ELIGIBLE \\[507-DEADLINE], got INELIGIBLE \\[507-DEADLINE]"));
        assertThat(run.outLines()).last().asString().contains(" 1 fail;");
    }

    @Test
    @DisplayName("a rule no example makes find anything: listed UNCOVERED, exit 1")
    void an_uncovered_rule_fails() {
        RulesCopy copy = RulesCopy.into(tmp.resolve("rules")).edit("507/2020-07-14/timing.drl", "rule \"507-PERIOD\"", """
                rule "507-NEVER"
                    @id("507-NEVER") @severity("BLOCKING") @title("t") @titleNl("t") @nl("n") @en("e") @document("public-record") @section("s")
                when
                    $e : Evaluation()
                    Proposal(title == "a title no example has")
                then
                    $e.report(drools);
                end

                rule "507-PERIOD\"""");
        CliRun run = CliRun.of("test", "--rules", copy.root().toString(), "--examples", Packs.EXAMPLES.toString(), "--call", "507");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.outLines()).anySatisfy(l -> assertThat(l)
                .matches("507 +507-NEVER +2020-07-14(?: +\\S+)*? +0 +\\d+ +UNCOVERED: no example makes it find anything")); // and later versions that extend it
        assertThat(run.outLines()).last().asString().contains(" 0 fail;").endsWith(" 1 uncovered; 0 versions unreached");
    }

    @Test
    @DisplayName("rules that do not compile: the errors, exit 2")
    void broken_rules_stop_the_run() {
        RulesCopy copy = RulesCopy.into(tmp.resolve("rules")).edit("507/2020-07-14/timing.drl", "rule \"507-PERIOD\"", "rule 507-PERIOD\"");
        CliRun run = CliRun.of("test", "--rules", copy.root().toString(), "--examples", Packs.EXAMPLES.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains(copy.root() + "/507/2020-07-14/timing.drl:");
    }

    @Test
    @DisplayName("test --accept: shows what changed, rewrites nothing when refused, rewrites the expected files when confirmed")
    void accept_shows_the_changes_and_rewrites_once_confirmed() throws IOException {
        Path examples = copyExamples("507");
        RulesCopy copy = RulesCopy.into(tmp.resolve("rules"), "507").edit("507/2020-07-14/pack.yaml", "    value: 40000\n", "    value: 30000\n");
        Path expected = examples.resolve("507/eligible-tielt-pittem.expected.json");
        String before = Files.readString(expected);
        String about = Json.output().readTree(before).get("about").asText();
        String[] args = {"test", "--accept", "--call", "507", "--rules", copy.root().toString(), "--examples", examples.toString()};

        CliRun refused = CliRun.withInput("n\n", args);
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.out()).contains("507/eligible-tielt-pittem (version 2020-07-14)", "  verdict    ELIGIBLE -> INELIGIBLE",
                        "  findings   [] -> [507-SUBSIDY-MAX]", "  financing  maxSubsidy 30000", "Nothing rewritten.")
                .containsPattern("Rewrite the expected results of these \\d+ examples\\? \\[y/N]");
        assertThat(Files.readString(expected)).isEqualTo(before);

        CliRun confirmed = CliRun.withInput("y\n", args);
        assertThat(confirmed.exit()).as(confirmed.out()).isZero();
        assertThat(confirmed.out()).contains("rewrote " + expected);
        JsonNode now = Json.output().readTree(Files.readString(expected));
        assertThat(now.get("verdict").asText()).isEqualTo("INELIGIBLE");
        assertThat(now.get("findings")).extracting(JsonNode::asText).containsExactly("507-SUBSIDY-MAX");
        assertThat(now.get("about").asText()).isEqualTo(about);
        assertThat(CliRun.of("test", "--call", "507", "--rules", copy.root().toString(), "--examples", examples.toString()).exit()).isZero();
    }

    @Test
    @DisplayName("test --accept --yes: rewrites without asking and keeps a pinned version and the other fields")
    void accept_yes_keeps_the_other_fields() throws IOException {
        Path examples = copyExamples("507");
        RulesCopy copy = RulesCopy.into(tmp.resolve("rules"), "507").edit("507/2020-07-14/pack.yaml", "    value: 40000\n", "    value: 30000\n");
        Path expected = examples.resolve("507/eligible-tielt-pittem.expected.json");
        Files.writeString(expected, "{\n  \"about\": \"at every limit\",\n  \"verdict\": \"ELIGIBLE\",\n  \"findings\": [],\n  \"version\": \"2020-07-14\"\n}\n");

        CliRun run = CliRun.of("test", "--accept", "--yes", "--call", "507", "--rules", copy.root().toString(), "--examples", examples.toString());
        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out()).doesNotContain("[y/N]");
        assertThat(Files.readString(expected)).isEqualTo("""
                {
                  "about": "at every limit",
                  "verdict": "INELIGIBLE",
                  "findings": [
                    "507-SUBSIDY-MAX"
                  ],
                  "version": "2020-07-14"
                }
                """);
        assertThat(CliRun.of("test", "--yes").exit()).isEqualTo(2);
    }

    private Path copyExamples(String call) throws IOException {
        // the whole folder: its round examples too, which cover the call-level rules
        RulesCopy.copyTree(Packs.EXAMPLES.resolve(call), tmp.resolve("examples").resolve(call));
        return tmp.resolve("examples");
    }
}
