package callcheck.rules;

import callcheck.model.Period;

import callcheck.engine.Finding;
import callcheck.engine.Outcome;
import callcheck.engine.Verdict;
import callcheck.engine.Severity;
import callcheck.support.ProposalJson;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.List;

import static callcheck.support.ProposalJson.findingIds;
import static callcheck.support.ProposalJson.findingsOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AMIF 2021-2027 programme rules, written once in rules/programmes/amif2027 and checked here in both calls that
 * include them: each case runs against call 41 and against the actions call.
 */
class Amif27ProgrammeRulesTest {

    /** An eligible example of the call, asking AMIF for exactly 75% of its cost; its only findings are the call's INFOs. */
    static ProposalJson eligible(String call) {
        return ProposalJson.from(call.equals("41") ? "41/eligible-regio-gent.json" : "ACT/eligible-kempen-buddy.json");
    }

    /** Sets the financing to a total cost of 100,000 with the given AMIF share, own financing the rest. */
    static ProposalJson financing(String call, String amif, Boolean annexIV) {
        ProposalJson p = eligible(call)
                .set("financing.totalCost", new BigDecimal("100000"))
                .set("financing.amif", new BigDecimal(amif))
                .set("financing.own", new BigDecimal("100000").subtract(new BigDecimal(amif)));
        return annexIV == null ? p.remove("financing.annexIV") : p.set("financing.annexIV", annexIV);
    }

    static Finding only(Verdict v, String rule) {
        List<Finding> f = findingsOf(v, rule);
        assertThat(f).as("findings of %s in %s", rule, v.findings()).hasSize(1);
        return f.get(0);
    }

    static void passes(Verdict v, String rule) {
        assertThat(findingIds(v)).doesNotContain(rule);
        assertThat(v.passed()).contains(rule);
        assertThat(v.verdict()).isEqualTo(Outcome.ELIGIBLE);
    }

    @Nested
    @DisplayName("AMIF27-EU-SHARE: AMIF at most 75% of the eligible cost, 90% for an Annex IV action")
    class EuShare {
        @ParameterizedTest(name = "call {0}")
        @ValueSource(strings = {"41", "ACT"})
        @DisplayName("AMIF27-EU-SHARE passes at exactly 75% for an action not of Annex IV")
        void amif27_EU_SHARE_passes_at_75_percent(String call) {
            passes(financing(call, "75000", false).evaluate(call), "AMIF27-EU-SHARE");
        }

        @ParameterizedTest(name = "call {0}")
        @ValueSource(strings = {"41", "ACT"})
        @DisplayName("AMIF27-EU-SHARE fails one cent above 75% for an action not of Annex IV")
        void amif27_EU_SHARE_fails_above_75_percent(String call) {
            Verdict v = financing(call, "75000.01", false).evaluate(call);
            Finding f = only(v, "AMIF27-EU-SHARE");
            assertThat(v.verdict()).isEqualTo(Outcome.INELIGIBLE);
            assertThat(f.severity()).isEqualTo(Severity.BLOCKING);
            assertThat(f.values()).containsEntry("limit", new BigDecimal("75000")).containsEntry("percent", new BigDecimal("75"));
            assertThat(f.message().en()).contains("€75,000.01", "75%", "not one of Annex IV");
            assertThat(f.message().nl()).contains("€ 75.000,01", "75%");
            assertThat(f.source().document()).contains("2021/1147");
        }

        @ParameterizedTest(name = "call {0}")
        @ValueSource(strings = {"41", "ACT"})
        @DisplayName("AMIF27-EU-SHARE passes at exactly 90% for an Annex IV action")
        void amif27_EU_SHARE_passes_at_90_percent_annex_iv(String call) {
            passes(financing(call, "90000", true).evaluate(call), "AMIF27-EU-SHARE");
        }

        @ParameterizedTest(name = "call {0}")
        @ValueSource(strings = {"41", "ACT"})
        @DisplayName("AMIF27-EU-SHARE fails one cent above 90% for an Annex IV action")
        void amif27_EU_SHARE_fails_above_90_percent_annex_iv(String call) {
            Finding f = only(financing(call, "90000.01", true).evaluate(call), "AMIF27-EU-SHARE");
            assertThat(f.severity()).isEqualTo(Severity.BLOCKING);
            assertThat(f.values()).containsEntry("limit", new BigDecimal("90000")).containsEntry("annexIV", true);
        }

        @ParameterizedTest(name = "call {0}")
        @ValueSource(strings = {"41", "ACT"})
        @DisplayName("AMIF27-EU-SHARE: between 75% and 90% with annexIV absent, the fact is MISSING")
        void amif27_EU_SHARE_missing_annex_iv_between_75_and_90(String call) {
            Verdict v = financing(call, "80000", null).evaluate(call);
            Finding f = only(v, "AMIF27-EU-SHARE");
            assertThat(f.severity()).isEqualTo(Severity.MISSING);
            assertThat(f.values()).containsEntry("missing", "financing.annexIV");
            assertThat(v.verdict()).isEqualTo(Outcome.INCOMPLETE);
        }

        @ParameterizedTest(name = "call {0}")
        @ValueSource(strings = {"41", "ACT"})
        @DisplayName("AMIF27-EU-SHARE: annexIV absent does not matter at 75% or below, nor above 90%")
        void amif27_EU_SHARE_annex_iv_absent_outside_the_band(String call) {
            passes(financing(call, "75000", null).evaluate(call), "AMIF27-EU-SHARE");
            Finding f = only(financing(call, "95000", null).evaluate(call), "AMIF27-EU-SHARE");
            assertThat(f.severity()).isEqualTo(Severity.BLOCKING);
        }

        @ParameterizedTest(name = "call {0}")
        @ValueSource(strings = {"41", "ACT"})
        @DisplayName("AMIF27-EU-SHARE: no AMIF amount is a MISSING fact, not a pass")
        void amif27_EU_SHARE_missing_amount(String call) {
            Finding f = only(eligible(call).remove("financing.amif").evaluate(call), "AMIF27-EU-SHARE");
            assertThat(f.severity()).isEqualTo(Severity.MISSING);
            assertThat(f.values().get("missing")).asList().containsExactly("financing.amif");
        }
    }

    @Nested
    @DisplayName("AMIF27-PERIOD: the project runs within 2021-01-01 to 2029-12-31")
    class Period {
        @ParameterizedTest(name = "call {0}")
        @ValueSource(strings = {"41", "ACT"})
        @DisplayName("AMIF27-PERIOD passes for exactly the whole eligibility period")
        void amif27_PERIOD_passes_at_the_bounds(String call) {
            Verdict v = eligible(call).set("submittedOn", "2023-03-15").set("period.start", "2021-01-01").set("period.end", "2029-12-31").evaluate(call);
            assertThat(findingIds(v)).doesNotContain("AMIF27-PERIOD");
            assertThat(v.passed()).contains("AMIF27-PERIOD");
        }

        @ParameterizedTest(name = "call {0}")
        @ValueSource(strings = {"41", "ACT"})
        @DisplayName("AMIF27-PERIOD fails for a start on 2020-12-31")
        void amif27_PERIOD_fails_before_2021(String call) {
            Finding f = only(eligible(call).set("period.start", "2020-12-31").evaluate(call), "AMIF27-PERIOD");
            assertThat(f.severity()).isEqualTo(Severity.BLOCKING);
            assertThat(f.message().en()).contains("31 December 2020", "1 January 2021", "31 December 2029");
            assertThat(f.message().nl()).contains("31 december 2020", "1 januari 2021", "31 december 2029");
        }

        @ParameterizedTest(name = "call {0}")
        @ValueSource(strings = {"41", "ACT"})
        @DisplayName("AMIF27-PERIOD fails for an end on 2030-01-01")
        void amif27_PERIOD_fails_after_2029(String call) {
            Finding f = only(eligible(call).set("period.end", "2030-01-01").evaluate(call), "AMIF27-PERIOD");
            assertThat(f.severity()).isEqualTo(Severity.BLOCKING);
        }

        @ParameterizedTest(name = "call {0}")
        @ValueSource(strings = {"41", "ACT"})
        @DisplayName("AMIF27-PERIOD: no period is MISSING")
        void amif27_PERIOD_missing(String call) {
            Verdict v = eligible(call).remove("period").evaluate(call);
            assertThat(only(v, "AMIF27-PERIOD").severity()).isEqualTo(Severity.MISSING);
            assertThat(v.verdict()).isEqualTo(Outcome.INCOMPLETE);
        }
    }

    @Nested
    @DisplayName("AMIF27-NOT-DONE: the project does not end before it is submitted")
    class NotDone {
        @ParameterizedTest(name = "call {0}")
        @ValueSource(strings = {"41", "ACT"})
        @DisplayName("AMIF27-NOT-DONE passes when the project ends on the submission day")
        void amif27_NOT_DONE_passes_ending_on_submission(String call) {
            Verdict v = eligible(call).set("submittedOn", "2024-03-01").set("period.start", "2023-01-01").set("period.end", "2024-03-01").evaluate(call);
            assertThat(findingIds(v)).doesNotContain("AMIF27-NOT-DONE");
            assertThat(v.passed()).contains("AMIF27-NOT-DONE");
        }

        @ParameterizedTest(name = "call {0}")
        @ValueSource(strings = {"41", "ACT"})
        @DisplayName("AMIF27-NOT-DONE fails when the project ended the day before submission")
        void amif27_NOT_DONE_fails_ending_before_submission(String call) {
            Verdict v = eligible(call).set("submittedOn", "2024-03-01").set("period.start", "2023-01-01").set("period.end", "2024-02-29").evaluate(call);
            Finding f = only(v, "AMIF27-NOT-DONE");
            assertThat(f.severity()).isEqualTo(Severity.BLOCKING);
            assertThat(f.values()).containsEntry("end", java.time.LocalDate.of(2024, 2, 29));
            assertThat(v.verdict()).isEqualTo(Outcome.INELIGIBLE);
        }

        @ParameterizedTest(name = "call {0}")
        @ValueSource(strings = {"41", "ACT"})
        @DisplayName("AMIF27-NOT-DONE: no end date is MISSING")
        void amif27_NOT_DONE_missing(String call) {
            assertThat(only(eligible(call).remove("period.end").evaluate(call), "AMIF27-NOT-DONE").severity()).isEqualTo(Severity.MISSING);
        }
    }
}
