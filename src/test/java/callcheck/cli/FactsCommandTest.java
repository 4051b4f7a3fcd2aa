package callcheck.cli;

import callcheck.model.OrganisationKind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code callcheck facts}: read from the model classes and the labels; the docs page is its output. */
class FactsCommandTest {
    /** The page in the docs; regenerate with {@code java -jar target/callcheck.jar facts > src/docs/facts.md}. */
    static final Path PAGE = Path.of("src/docs/facts.md");

    @TempDir
    Path tmp;

    @Test
    @DisplayName("src/docs/facts.md is the output of `callcheck facts` over rules/: it fails when the model or labels changed and the page did not")
    void the_page_is_up_to_date() throws IOException {
        CliRun run = CliRun.of("facts", "--rules", "rules");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(Files.readString(PAGE, StandardCharsets.UTF_8))
                .as("src/docs/facts.md is out of date: java -jar target/callcheck.jar facts > src/docs/facts.md")
                .isEqualTo(run.out());
    }

    @Test
    @DisplayName("facts: every field path of the JSON with its type and label, every enum value with its labels, what a rule calls")
    void lists_fields_values_and_calls() throws IOException {
        Path rules = tmp.resolve("rules");
        Files.createDirectories(rules.resolve("reference"));
        Files.writeString(rules.resolve("reference/labels.yaml"), """
                values:
                  OrganisationKind:
                    NON_PROFIT: {nl: vzw-test, en: non-profit-test}
                facts:
                  partners[].kind: {nl: "de soort van partner {n}", en: "the kind of partner {n}"}
                """);
        CliRun run = CliRun.of("facts", "--rules", rules.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.outLines()).contains(
                "| `partners[].kind` | `OrganisationKind` | de soort van partner {n} | the kind of partner {n} |",
                "| `applicant.nis` | `String` |  |  |",
                "| `applicant.members` | `List<String>` |  |  |",
                "| `financing.annexIV` | `Boolean` |  |  |",
                "| `trajectories[].hoursPerParticipant` | `BigDecimal` |  |  |",
                "| `NON_PROFIT` | vzw-test | non-profit-test |",
                "| `subsidy` | `BigDecimal` | derived |",
                "| `kind` | `OrganisationKind` | field |",
                "| `hasExperience(Experience)` | `boolean` | method |",
                "- `$e.report(Object, Object...)`",
                "- `$e.plan(BigDecimal, BigDecimal, BigDecimal, BigDecimal)`",
                "| proposal rules | `Proposal()` | `callcheck.model.Proposal` |",
                "| call-level rules (`round.drl`) | `Round()` | `callcheck.rules.Round` |");
        assertThat(run.out()).contains("- `Money.share(BigDecimal, BigDecimal)` : `BigDecimal`", "`amount(String)` : `BigDecimal`", "## `@needs` paths")
                .doesNotContain("verdict(String"); // the engine's, not a rule's
        for (OrganisationKind k : OrganisationKind.values()) assertThat(run.out()).contains("| `" + k.name() + "` |");
    }

    @Test
    @DisplayName("the type at a JSON path, as --set reads it: text fields, list elements, unknown paths")
    void type_at_a_path() {
        assertThat(Facts.typeAt("applicant.nis")).isEqualTo(String.class);
        assertThat(Facts.typeAt("partners[2].members[0]")).isEqualTo(String.class);
        assertThat(Facts.typeAt("financing.amif")).isEqualTo(java.math.BigDecimal.class);
        assertThat(Facts.typeAt("partners[0].kind")).isEqualTo(OrganisationKind.class);
        assertThat(Facts.typeAt("applicant.nothing")).isNull();
    }
}
