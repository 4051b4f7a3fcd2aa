package callcheck.language;

import callcheck.model.OrganisationKind;
import callcheck.model.TargetGroup;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static callcheck.language.Language.EN;
import static callcheck.language.Language.NL;
import static org.assertj.core.api.Assertions.assertThat;

/** A finding's values written as each language writes them, with the labels of the rules folder. */
class WordingTest {
    private static final Labels LABELS = new Labels(
            Map.of("OrganisationKind", Map.of("NON_PROFIT", new Labels.Text("vzw", "non-profit organisation")),
                    "TargetGroup", Map.of("NEWCOMERS", new Labels.Text("nieuwkomers", "newcomers"),
                            "GENERAL_PUBLIC", new Labels.Text("breed publiek", "general public"),
                            "ORGANISATIONS", new Labels.Text("organisaties", "organisations"))),
            Map.of("financing.totalCost", new Labels.Text("de totale kost", "the total cost"),
                    "partners[].legalPersonality", new Labels.Text("de rechtspersoonlijkheid van partner {n}", "whether partner {n} is a legal person")));
    private static final Wording W = new Wording(LABELS);

    private static Map<String, Object> values(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    @Test
    @DisplayName("an amount, written '{x} euro', as € 29.999,99 in Dutch and €29,999.99 in English; whole euros without cents")
    void amounts() {
        Map<String, Object> v = values("subsidy", new BigDecimal("29999.99"), "limit", new BigDecimal("40000"));
        String t = "{subsidy} euro > {limit} euro.";
        assertThat(W.fill(t, v, NL)).isEqualTo("€ 29.999,99 > € 40.000.");
        assertThat(W.fill(t, v, EN)).isEqualTo("€29,999.99 > €40,000.");
        assertThat(Wording.amount(new BigDecimal("20000.0025"), NL)).isEqualTo("€ 20.000,0025");
        assertThat(Wording.amount(new BigDecimal("80000.5"), EN)).isEqualTo("€80,000.50");
    }

    @Test
    @DisplayName("a number and a percentage grouped as the language groups them")
    void numbers() {
        assertThat(W.fill("{hours} uur, {percent}%", values("hours", new BigDecimal("1234.5"), "percent", new BigDecimal("25")), NL))
                .isEqualTo("1.234,5 uur, 25%");
        assertThat(W.fill("{n}", values("n", 40000), EN)).isEqualTo("40,000");
        assertThat(W.fill("{share}", values("share", new Wording.Percent(new BigDecimal("0.125"))), NL)).isEqualTo("12,5%");
    }

    @Test
    @DisplayName("amounts and numbers written as the locales' own formats write them, over many values")
    void amountsAndNumbersAsTheLocalesFormatThem() {
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 20_000; i++) {
            BigDecimal v = BigDecimal.valueOf(random.nextLong() % 10_000_000_000L, random.nextInt(15) - 2);
            if (i % 7 == 0) v = v.negate();
            for (var language : callcheck.language.Language.values()) {
                var symbols = java.text.DecimalFormatSymbols.getInstance(language.locale());
                BigDecimal s = v.stripTrailingZeros();
                String number = new java.text.DecimalFormat("#,##0.##########", symbols).format(s);
                String amount = new java.text.DecimalFormat(s.scale() <= 0 ? "#,##0" : "#,##0.00########", symbols)
                        .format(s.scale() <= 0 ? s.setScale(0) : s);
                assertThat(Wording.number(v, language)).as("%s in %s", v, language).isEqualTo(number);
                assertThat(Wording.amount(v, language)).as("%s in %s", v, language).isEqualTo((language == NL ? "€ " : "€") + amount);
            }
        }
    }

    @Test
    @DisplayName("dates as 16 oktober 2020 / 16 October 2020")
    void dates() {
        Map<String, Object> v = values("d", LocalDate.parse("2020-10-16"));
        assertThat(W.fill("op {d}", v, NL)).isEqualTo("op 16 oktober 2020");
        assertThat(W.fill("on {d}", v, EN)).isEqualTo("on 16 October 2020");
    }

    @Test
    @DisplayName("true and false as ja/nee, yes/no; an unknown value as onbekend/unknown")
    void booleans_and_unknown() {
        Map<String, Object> v = values("c", true, "z", false, "x", null);
        assertThat(W.fill("concreet: {c}, zichtbaar: {z}, {x}", v, NL)).isEqualTo("concreet: ja, zichtbaar: nee, onbekend");
        assertThat(W.fill("concrete: {c}, visible: {z}, {x}", v, EN)).isEqualTo("concrete: yes, visible: no, unknown");
    }

    @Test
    @DisplayName("codes by their labels, lists in words: nieuwkomers en breed publiek")
    void codes_and_lists() {
        assertThat(W.fill("{kind}", values("kind", OrganisationKind.NON_PROFIT), NL)).isEqualTo("vzw");
        assertThat(W.fill("{kind}", values("kind", OrganisationKind.NON_PROFIT), EN)).isEqualTo("non-profit organisation");
        Map<String, Object> two = values("g", List.of(TargetGroup.NEWCOMERS, TargetGroup.GENERAL_PUBLIC));
        assertThat(W.fill("{g}", two, NL)).isEqualTo("nieuwkomers en breed publiek");
        assertThat(W.fill("{g}", two, EN)).isEqualTo("newcomers and general public");
        Map<String, Object> three = values("g", List.of(TargetGroup.NEWCOMERS, TargetGroup.GENERAL_PUBLIC, TargetGroup.ORGANISATIONS));
        assertThat(W.fill("{g}", three, NL)).isEqualTo("nieuwkomers, breed publiek en organisaties");
        assertThat(W.fill("{g}", values("g", List.of()), NL)).isEqualTo("geen");
    }

    @Test
    @DisplayName("a position, reported from 0 as {index}, is counted from 1: the second action is Actie 2")
    void positions() {
        assertThat(W.fill("Actie {index}", values("index", 1), NL)).isEqualTo("Actie 2");
        assertThat(W.fill("Action {index}", values("index", 0), EN)).isEqualTo("Action 1");
    }

    @Test
    @DisplayName("a missing fact by its label, its position counted from 1; a field without a label keeps its path")
    void missing_facts() {
        assertThat(W.fill("Ontbrekend gegeven: {missing}", values("missing", "financing.totalCost"), NL)).isEqualTo("Ontbrekend gegeven: de totale kost");
        assertThat(W.fill("{missing}", values("missing", List.of("financing.totalCost", "partners[1].legalPersonality")), EN))
                .isEqualTo("the total cost and whether partner 2 is a legal person");
        assertThat(W.fill("{missing}", values("missing", "period.end"), NL)).isEqualTo("period.end");
    }

    @Test
    @DisplayName("a placeholder without a value, and braces that are no placeholder, stay as written")
    void unknown_placeholders_stay() {
        assertThat(W.fill("{aantal} {} {a b} {{x} {x", values("x", 1), NL)).isEqualTo("{aantal} {} {a b} {1 {x");
        String m = "Geen traject.";
        assertThat(W.fill(m, values(), NL)).isSameAs(m);
        assertThat(Wording.placeholders("{a} en {b}, {a} {c d}")).containsExactly("a", "b");
    }

    @Test
    @DisplayName("the rules folder's labels cover every code a finding can show, and every fact is labelled in both languages")
    void the_rules_folder_labels_every_code() throws Exception {
        Labels labels = Labels.load(Path.of("rules/reference"));
        assertThat(labels.present()).isTrue();
        assertThat(labels.unlabelledValues()).isEmpty();
        assertThat(new Labels(Map.of(), Map.of()).unlabelledValues()).contains("OrganisationKind.NON_PROFIT", "Outcome.ELIGIBLE");
    }
}
