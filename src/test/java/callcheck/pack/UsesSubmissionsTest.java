package callcheck.pack;

import callcheck.engine.PackException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code @uses("submissions")}: a rule whose finding depends on which version is in force carries the version's
 * submissions assumption, when the manifest has one.
 */
class UsesSubmissionsTest {
    @TempDir
    Path tmp;

    private static final String DRL = """
            package callcheck.rules.t999;
            import callcheck.rules.Evaluation;
            rule "999-BUDGET"
                @id("999-BUDGET") @severity("INFO") @title("t") @titleNl("t") @nl("n") @en("e") @document("doc") @section("s")
                @uses("%s")
            when
                $e : Evaluation()
            then
                $e.report(drools);
            end
            """;

    private static Path pack(Path tmp, String submissions, String uses, String extra) throws IOException {
        Path folder = tmp.resolve("rules/999/2020-01-01");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("pack.yaml"), """
                call: "999"
                title: t
                programme: p
                version: "2020-01-01"
                submissions:
                %s
                documents:
                  doc: {title: "A document"}
                parameters:
                  budget: {type: amount, value: 10, source: {document: doc, section: s}}
                  guess: {type: amount, value: 5, assumption: "Assumption: a guessed number.", assumptionNl: "Aanname: een geraden getal."}
                %s
                """.formatted(submissions, extra));
        Files.writeString(folder.resolve("rules.drl"), DRL.formatted(uses));
        return folder;
    }

    private Path tmp(String name) {
        return tmp.resolve(name);
    }

    private static RuleInfo budgetRule(Path tmp, Path folder) {
        return new PackLoader().load(tmp.resolve("rules"), folder).rule("999-BUDGET");
    }

    @Test
    void a_rule_using_submissions_carries_their_assumption() throws IOException {
        Path folder = pack(tmp("a"), "  from: 2020-01-01\n  assumption: \"Assumption: the start date is a guess.\"\n  assumptionNl: \"Aanname: de begindatum is geraden.\"", "budget submissions", "");
        assertThat(budgetRule(tmp("a"), folder).assumption()).isEqualTo("Assumption: the start date is a guess.");
    }

    @Test
    void it_joins_the_other_assumptions_the_rule_uses() throws IOException {
        Path folder = pack(tmp("b"), "  from: 2020-01-01\n  assumption: \"Assumption: the start date is a guess.\"\n  assumptionNl: \"Aanname: de begindatum is geraden.\"", "guess submissions", "");
        assertThat(budgetRule(tmp("b"), folder).assumption())
                .isEqualTo("Assumption: a guessed number. Assumption: the start date is a guess.");
        assertThat(budgetRule(tmp("b"), folder).assumptionNl()).isEqualTo("Aanname: een geraden getal. Aanname: de begindatum is geraden.");
    }

    @Test
    void without_a_submissions_assumption_it_adds_nothing() throws IOException {
        Path folder = pack(tmp("c"), "  from: 2020-01-01", "budget submissions", "");
        assertThat(budgetRule(tmp("c"), folder).assumption()).isNull();
    }

    @Test
    void a_rule_not_using_submissions_does_not_carry_them() throws IOException {
        Path folder = pack(tmp("d"), "  from: 2020-01-01\n  assumption: \"Assumption: the start date is a guess.\"\n  assumptionNl: \"Aanname: de begindatum is geraden.\"", "budget", "");
        assertThat(budgetRule(tmp("d"), folder).assumption()).isNull();
    }

    @Test
    void a_parameter_or_assumption_cannot_be_named_submissions() throws IOException {
        Path folder = pack(tmp("e"), "  from: 2020-01-01", "budget", "assumptions:\n  submissions: {text: \"x\", textNl: \"x\"}");
        assertThatThrownBy(() -> budgetRule(tmp("e"), folder))
                .isInstanceOfSatisfying(PackException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(err -> assertThat(err.message()).contains("reserved")));
    }

}
