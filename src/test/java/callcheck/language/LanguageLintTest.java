package callcheck.language;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static callcheck.language.Language.EN;
import static callcheck.language.Language.NL;
import static org.assertj.core.api.Assertions.assertThat;

/** The lint finds each thing that must never show in a finding's text, and passes good Dutch and English. */
class LanguageLintTest {
    private static final Labels LABELS = new Labels(Map.of("OrganisationKind", Map.of(
            "VGC", new Labels.Text("Vlaamse Gemeenschapscommissie (VGC)", "Flemish Community Commission (VGC)"),
            "NON_PROFIT", new Labels.Text("vzw", "non-profit organisation"))), Map.of());
    private static final LanguageLint LINT = new LanguageLint(LABELS);

    @Test
    @DisplayName("good text passes, also a code its own label writes (VGC)")
    void good_text_passes() {
        assertThat(LINT.problems("De gevraagde subsidie van € 40.000,01 is hoger dan € 40.000 per proeftuin, ook voor de VGC.", NL)).isEmpty();
        assertThat(LINT.problems("The subsidy asked of €40,000.01 is above the maximum of €40,000.", EN)).isEmpty();
    }

    @Test
    @DisplayName("each problem is named: code, true/false, brackets, field path, placeholder, ISO date, English in Dutch")
    void each_problem() {
        assertThat(LINT.problems("een NON_PROFIT is geen lokaal bestuur", NL)).containsExactly("code NON_PROFIT");
        assertThat(LINT.problems("concreet: true, zichtbaar: false", NL)).containsExactly("true/false 'true'", "true/false 'false'");
        assertThat(LINT.problems("De doelgroep (nieuwkomers) [x]", NL)).containsExactly("brackets");
        assertThat(LINT.problems("Ontbrekend gegeven: financing.totalCost", NL)).contains("field path 'financing.totalCost'");
        assertThat(LINT.problems("Ontbrekend: partners[0].legalPersonality", NL)).contains("field path 'partners[0].legalPersonality'", "brackets");
        assertThat(LINT.problems("ingediend op 2020-10-16", NL)).containsExactly("ISO date '2020-10-16'");
        assertThat(LINT.problems("noemt {aantal} partners", NL)).containsExactly("placeholder '{aantal}'");
        assertThat(LINT.problems("De subsidie ligt above het maximum", NL)).containsExactly("English word 'above'");
        assertThat(LINT.problems("The subsidy is above the maximum", EN)).isEmpty();
    }
}
