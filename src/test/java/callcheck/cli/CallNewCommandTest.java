package callcheck.cli;

import callcheck.pack.PackLoader;
import callcheck.pack.RuleInfo;
import callcheck.pack.RulePack;
import callcheck.support.RulesCopy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code call new}: a new call's pack and example that validate and test accept as written. */
class CallNewCommandTest {

    /** The test reference data, as a rules folder has its own. */
    static final Path REFERENCE = Path.of("src/test/resources/library/rules/reference");

    @TempDir
    Path tmp;

    @Test
    @DisplayName("call new: pack.yaml with a document, one rule with every metadata field, one example; validate and test pass at once")
    void a_new_call_validates_and_tests() throws IOException {
        Path rules = tmp.resolve("rules"), examples = tmp.resolve("examples");
        RulesCopy.copyTree(REFERENCE, rules.resolve("reference"));
        CliRun made = CliRun.of("call", "new", "--call", "900", "--title", "Samen sterk: \"buddy's\" voor nieuwkomers", "--submissions-from", "2030-03-01",
                "--issuer", "Agentschap Integratie & Inburgering", "--rules", rules.toString(), "--examples", examples.toString());
        assertThat(made.exit()).as(made.out() + made.err()).isZero();
        assertThat(made.out()).contains("wrote ", "callcheck validate --call 900");

        RulePack pack = new PackLoader().load(rules, rules.resolve("900/2030-03-01"));
        assertThat(pack.manifest().title()).isEqualTo("Samen sterk: \"buddy's\" voor nieuwkomers");
        assertThat(pack.manifest().submissions().from()).hasToString("2030-03-01");
        assertThat(pack.manifest().documents()).containsOnlyKeys("call-text");
        assertThat(pack.rules()).hasSize(1);
        RuleInfo rule = pack.rules().get(0);
        assertThat(rule.id()).isEqualTo("900-SUBSIDY-MAX");
        assertThat(rule.title()).isEqualTo("The subsidy asked is at most €100,000");
        assertThat(rule.titleNl()).isNotBlank();
        assertThat(rule.nl()).isNotBlank();
        assertThat(rule.en()).isNotBlank();
        assertThat(rule.source().document()).isNotBlank();
        assertThat(rule.source().section()).isEqualTo("budget");
        assertThat(rule.needs()).containsExactly("financing.amif", "financing.vvsg");
        assertThat(rule.uses()).containsExactly("subsidyMax");
        assertThat(Files.readString(rules.resolve("900/2030-03-01/rules.drl"))).contains("package callcheck.rules.c900;");
        assertThat(examples.resolve("900/subsidy-over-max.json")).isRegularFile();
        assertThat(Files.readString(examples.resolve("900/subsidy-over-max.expected.json"))).contains("900-SUBSIDY-MAX");

        CliRun validate = CliRun.of("validate", "--rules", rules.toString());
        assertThat(validate.exit()).as(validate.out()).isZero();
        assertThat(validate.out()).startsWith("OK   900/2030-03-01: 1 rules").doesNotContain("WARN");
        CliRun test = CliRun.of("test", "--rules", rules.toString(), "--examples", examples.toString());
        assertThat(test.exit()).as(test.out() + test.err()).isZero();
        assertThat(test.outLines()).last().asString().startsWith("1 examples (0 rounds): 1 pass, 0 fail; 1 rules: 1 covered, 0 uncovered");
    }

    @Test
    @DisplayName("call new without --issuer: validate accepts it and warns, at the document, until pack.yaml names one")
    void without_an_issuer_validate_warns() {
        Path rules = tmp.resolve("rules"), examples = tmp.resolve("examples");
        RulesCopy.copyTree(REFERENCE, rules.resolve("reference"));
        assertThat(CliRun.of("call", "new", "--call", "A-1", "--title", "T", "--submissions-from", "2030-03-01",
                "--rules", rules.toString(), "--examples", examples.toString()).exit()).isZero();
        CliRun validate = CliRun.of("validate", "--rules", rules.toString());
        assertThat(validate.exit()).isZero();
        assertThat(validate.out()).contains("A-1/2030-03-01/pack.yaml:13:3: document call-text has no issuer");
        assertThat(CliRun.of("test", "--rules", rules.toString(), "--examples", examples.toString()).exit()).isZero();
    }

    @Test
    @DisplayName("call new: refuses a call that is there already, and a day that is not a date, writing nothing")
    void refuses_an_existing_call() throws IOException {
        Path rules = tmp.resolve("rules"), examples = tmp.resolve("examples");
        Files.createDirectories(rules.resolve("901/2020-01-01"));
        CliRun there = CliRun.of("call", "new", "--call", "901", "--title", "T", "--submissions-from", "2030-03-01",
                "--rules", rules.toString(), "--examples", examples.toString());
        assertThat(there.exit()).isEqualTo(2);
        assertThat(there.err()).contains("exists already");
        assertThat(examples).doesNotExist();
        CliRun badDay = CliRun.of("call", "new", "--call", "902", "--title", "T", "--submissions-from", "1 March",
                "--rules", rules.toString(), "--examples", examples.toString());
        assertThat(badDay.exit()).isEqualTo(2);
        assertThat(badDay.err()).contains("--submissions-from '1 March' is not a date");
        assertThat(rules.resolve("902")).doesNotExist();
    }
}
