package callcheck.pack;

import callcheck.engine.Finding;
import callcheck.engine.Severity;
import callcheck.rules.Parameter;
import callcheck.rules.Parameters;
import callcheck.support.ProposalJson;
import callcheck.support.RulesCopy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Titles name their numbers as {parameter}: filled from the manifest, written as each language writes them. */
class ParameterTextTest {
    private static final Parameters PARAMETERS = new Parameters(Map.of(
            "max", new Parameter("max", Parameter.Type.AMOUNT, new BigDecimal("40000"), null, null, "a"),
            "cents", new Parameter("cents", Parameter.Type.AMOUNT, new BigDecimal("1234.50"), null, null, "a"),
            "share", new Parameter("share", Parameter.Type.FRACTION, new BigDecimal("0.125"), null, null, "a"),
            "hours", new Parameter("hours", Parameter.Type.NUMBER, new BigDecimal("40"), null, null, "a"),
            "deadline", new Parameter("deadline", Parameter.Type.DATE, LocalDate.parse("2020-10-16"), null, null, "a"),
            "cap", new Parameter("cap", Parameter.Type.AMOUNT, null, null, null, "a")));

    @TempDir
    Path tmp;

    @Test
    @DisplayName("money (written {x} euro), shares, numbers and dates in English and in Dutch; an unknown value says so; other placeholders stay")
    void each_type_in_each_language() {
        String text = "{max} euro | {cents} euro | {cents} | {share} | {hours} | {deadline} | {cap} | {subsidy}";
        assertThat(ParameterText.fill(text, PARAMETERS, Locale.ENGLISH))
                .isEqualTo("€40,000 | €1,234.50 | 1,234.5 | 12.5% | 40 | 16 October 2020 | unknown | {subsidy}");
        assertThat(ParameterText.fill(text, PARAMETERS, ParameterText.DUTCH))
                .isEqualTo("€ 40.000 | € 1.234,50 | 1.234,5 | 12,5% | 40 | 16 oktober 2020 | onbekend | {subsidy}");
    }

    @Test
    @DisplayName("507-SUBSIDY-MAX: the title follows the parameter, and so does the MISSING message built from it")
    void r507_SUBSIDY_MAX_title_follows_the_parameter() {
        RulesCopy copy = RulesCopy.into(tmp, "507").edit("507/2020-07-14/pack.yaml", "    value: 40000\n", "    value: 30000\n");
        RulePack pack = copy.load("507", "2020-07-14");
        assertThat(pack.rule("507-SUBSIDY-MAX").title()).isEqualTo("The subsidy asked is at most €30,000");
        assertThat(pack.rule("507-SUBSIDY-MAX").titleNl()).isEqualTo("De gevraagde subsidie is hoogstens € 30.000");
        Finding missing = copy.evaluate(pack, ProposalJson.from("507/eligible-tielt-pittem.json").remove("financing.amif")).findings().stream()
                .filter(f -> f.rule().equals("507-SUBSIDY-MAX")).findFirst().orElseThrow();
        assertThat(missing.severity()).isEqualTo(Severity.MISSING);
        assertThat(missing.message().en())
                .isEqualTo("Missing fact: the AMIF contribution asked. Needed for the check: The subsidy asked is at most €30,000.");
        // The fact by its label, the rule by its Dutch title; values.missing keeps the path for software.
        assertThat(missing.message().nl())
                .isEqualTo("Ontbrekend gegeven: de gevraagde AMIF-bijdrage. Nodig voor de toets: De gevraagde subsidie is hoogstens € 30.000.");
        assertThat(missing.values().get("missing")).asList().containsExactly("financing.amif");
    }
}
