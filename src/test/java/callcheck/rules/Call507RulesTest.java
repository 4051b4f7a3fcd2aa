package callcheck.rules;

import callcheck.model.TargetGroup;
import callcheck.model.Trajectory;

import callcheck.engine.Finding;
import callcheck.engine.Outcome;
import callcheck.engine.Verdict;
import callcheck.model.OrganisationKind;
import callcheck.engine.Severity;
import callcheck.support.ProposalJson;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.util.List;

import static callcheck.support.ProposalJson.findingIds;
import static callcheck.support.ProposalJson.findingsOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Call 507, rule by rule: each rule passes on the eligible base proposal and fails on one changed fact. The base
 * (examples/507/eligible-tielt-pittem.json) sits exactly at every financing limit.
 */
class Call507RulesTest {
    private static final String CALL = "507";

    private static ProposalJson base() {
        return ProposalJson.from("507/eligible-tielt-pittem.json");
    }

    private static BigDecimal eur(String s) {
        return new BigDecimal(s);
    }

    /** Only the given rule finds something, with the given severity; the rest passed. */
    private static void onlyFinding(Verdict v, String rule, Severity severity) {
        assertThat(findingIds(v)).containsExactly(rule);
        assertThat(findingsOf(v, rule)).allSatisfy(f -> assertThat(f.severity()).isEqualTo(severity));
        assertThat(v.passed()).doesNotContain(rule);
    }

    private static void passes(Verdict v, String rule) {
        assertThat(findingsOf(v, rule)).isEmpty();
        assertThat(v.passed()).contains(rule);
    }

    @Test
    @DisplayName("the base proposal is eligible and every rule of the pack is listed as passed")
    void baseIsEligible() {
        Verdict v = base().evaluate(CALL);
        assertThat(v.verdict()).isEqualTo(Outcome.ELIGIBLE);
        assertThat(v.findings()).isEmpty();
        assertThat(v.passed()).containsExactly("507-AMIF-SHARE", "507-APPLICANT", "507-BALANCE", "507-CO-APPLICANTS",
                "507-DEADLINE", "507-DIRECTOR", "507-EVALUATION", "507-FRAMEWORK", "507-HOURS", "507-LEARNING-NETWORK",
                "507-OWN-SHARE", "507-PARTNER-EXPERIENCE", "507-PERIOD", "507-SMALL-ALONE", "507-SUBSIDY-MAX",
                "507-TARGET-GROUP", "507-TRAJECTORY", "507-VVSG-SHARE");
    }

    @Nested
    @DisplayName("507-APPLICANT")
    class Applicant {
        @ParameterizedTest(name = "{0} with a valid Flemish code passes")
        @EnumSource(value = OrganisationKind.class, names = {"MUNICIPALITY", "OCMW"})
        void r507_APPLICANT_passes_for_municipal_kinds(OrganisationKind kind) {
            passes(base().set("applicant.kind", kind.name()).evaluate(CALL), "507-APPLICANT");
        }

        @Test
        void r507_APPLICANT_passes_for_the_VGC_and_a_cooperation() {
            passes(base().json("applicant", "{\"name\":\"VGC\",\"kind\":\"VGC\"}").evaluate(CALL), "507-APPLICANT");
            passes(base().json("applicant", "{\"name\":\"Coop\",\"kind\":\"LOCAL_GOVERNMENT_COOPERATION\",\"members\":[\"37015\",\"37011\"]}")
                    .evaluate(CALL), "507-APPLICANT");
        }

        @ParameterizedTest(name = "{0} fails")
        @EnumSource(value = OrganisationKind.class, names = {"NON_PROFIT", "COMPANY", "PUBLIC_BODY", "EDUCATION", "OTHER"})
        void r507_APPLICANT_fails_for_other_kinds(OrganisationKind kind) {
            Verdict v = base().json("applicant", "{\"name\":\"X\",\"kind\":\"" + kind + "\",\"experience\":[\"NEWCOMER_PARTICIPATION\"]}")
                    .evaluate(CALL);
            assertThat(findingsOf(v, "507-APPLICANT")).singleElement()
                    .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.BLOCKING));
            assertThat(v.verdict()).isEqualTo(Outcome.INELIGIBLE);
        }

        @ParameterizedTest(name = "{0} on {1}: valid {2}")
        @CsvSource({
                "37015, 2020-10-01, true",   // Tielt before the merger
                "37022, 2020-10-01, false",  // the merged Tielt's code did not exist in 2020
                "71022, 2020-10-01, true",   // Hasselt's old code
                "71072, 2020-10-01, false",  // Hasselt's 2025 code
                "21004, 2020-10-01, false",  // Brussels is not Flanders
                "99999, 2020-10-01, false"   // no such municipality
        })
        void r507_APPLICANT_checks_the_code_on_the_submission_date(String nis, String date, boolean valid) {
            Verdict v = base().set("submittedOn", date).set("applicant.nis", nis).evaluate(CALL);
            assertThat(findingsOf(v, "507-APPLICANT")).hasSize(valid ? 0 : 1);
        }

        @Test
        void r507_APPLICANT_explains_a_code_that_did_not_exist_yet() {
            Finding f = findingsOf(base().set("applicant.nis", "37022").evaluate(CALL), "507-APPLICANT").get(0);
            assertThat(f.message().en()).contains("37022").contains("valid from 1 January 2025");
            assertThat(f.values()).containsEntry("nis", "37022");
        }

        @Test
        void r507_APPLICANT_fails_for_a_cooperation_with_a_member_outside_Flanders() {
            Verdict v = base().json("applicant", "{\"name\":\"Coop\",\"kind\":\"LOCAL_GOVERNMENT_COOPERATION\",\"members\":[\"37015\",\"21004\"]}")
                    .evaluate(CALL);
            assertThat(findingsOf(v, "507-APPLICANT")).singleElement()
                    .satisfies(f -> assertThat(f.message().en()).contains("21004"));
        }

        @Test
        void r507_APPLICANT_is_missing_without_kind_or_code() {
            Verdict noKind = base().remove("applicant.kind").evaluate(CALL);
            // 507-DIRECTOR needs the kind too: both say so, neither guesses.
            assertThat(findingIds(noKind)).containsExactly("507-APPLICANT", "507-DIRECTOR");
            assertThat(noKind.findings()).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.MISSING));
            Verdict v = base().remove("applicant.nis").evaluate(CALL);
            assertThat(findingsOf(v, "507-APPLICANT")).singleElement()
                    .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.MISSING));
            assertThat(v.verdict()).isEqualTo(Outcome.INCOMPLETE);
        }

        @Test
        void r507_APPLICANT_does_not_require_experience() {
            // Experienced and new local governments may both submit (507-EXPERIENCE: no rule, this test).
            Verdict v = base().set("applicant.experience", List.of()).evaluate(CALL);
            assertThat(v.verdict()).isEqualTo(Outcome.ELIGIBLE);
            Verdict without = base().remove("applicant.experience").evaluate(CALL);
            assertThat(without.verdict()).isEqualTo(Outcome.ELIGIBLE);
        }
    }

    @Nested
    @DisplayName("507-DIRECTOR")
    class Director {
        @Test
        void r507_DIRECTOR_passes_when_the_local_government_leads() {
            passes(base().evaluate(CALL), "507-DIRECTOR");
        }

        @Test
        void r507_DIRECTOR_fails_when_a_partner_local_government_does_not_lead() {
            Verdict v = base().json("applicant", "{\"name\":\"vzw\",\"kind\":\"NON_PROFIT\",\"experience\":[\"NEWCOMER_PARTICIPATION\"]}")
                    .evaluate(CALL);
            assertThat(findingsOf(v, "507-DIRECTOR")).singleElement()
                    .satisfies(f -> assertThat(f.values()).containsEntry("localGovernment", "Gemeente Pittem"));
        }
    }

    @Nested
    @DisplayName("507-CO-APPLICANTS")
    class CoApplicants {
        @Test
        void r507_CO_APPLICANTS_passes_for_local_governments_and_none() {
            passes(base().evaluate(CALL), "507-CO-APPLICANTS");
            passes(base().set("coApplicants", List.of()).evaluate(CALL), "507-CO-APPLICANTS");
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = OrganisationKind.class, names = {"NON_PROFIT", "COMPANY", "PUBLIC_BODY", "EDUCATION", "OTHER"})
        void r507_CO_APPLICANTS_fails_for_other_actors(OrganisationKind kind) {
            onlyFinding(base().json("coApplicants[0]", "{\"name\":\"X\",\"kind\":\"" + kind + "\"}").evaluate(CALL),
                    "507-CO-APPLICANTS", Severity.BLOCKING);
        }

        @Test
        void r507_CO_APPLICANTS_is_missing_without_a_code_but_still_fails_another_co_applicant() {
            onlyFinding(base().remove("coApplicants[0].nis").evaluate(CALL), "507-CO-APPLICANTS", Severity.MISSING);
            Verdict v = base().remove("coApplicants[0].nis").add("coApplicants", "{\"name\":\"BV\",\"kind\":\"COMPANY\"}").evaluate(CALL);
            assertThat(findingsOf(v, "507-CO-APPLICANTS")).extracting(Finding::severity)
                    .containsExactly(Severity.BLOCKING, Severity.MISSING);
            assertThat(v.verdict()).isEqualTo(Outcome.INELIGIBLE);
        }

        @Test
        void r507_CO_APPLICANTS_fails_for_a_municipality_outside_Flanders() {
            onlyFinding(base().set("coApplicants[0].nis", "21001").evaluate(CALL), "507-CO-APPLICANTS", Severity.BLOCKING);
        }
    }

    @Nested
    @DisplayName("507-PARTNER-EXPERIENCE")
    class PartnerExperience {
        @Test
        void r507_PARTNER_EXPERIENCE_passes_with_experience_or_for_a_local_government_partner() {
            passes(base().evaluate(CALL), "507-PARTNER-EXPERIENCE");
            passes(base().json("partners[0]", "{\"name\":\"OCMW Tielt\",\"kind\":\"OCMW\",\"nis\":\"37015\"}").evaluate(CALL),
                    "507-PARTNER-EXPERIENCE");
        }

        @Test
        void r507_PARTNER_EXPERIENCE_fails_without_relevant_experience() {
            onlyFinding(base().set("partners[0].experience", List.of()).evaluate(CALL), "507-PARTNER-EXPERIENCE", Severity.BLOCKING);
            onlyFinding(base().set("partners[0].experience", List.of("ANTI_DISCRIMINATION")).evaluate(CALL),
                    "507-PARTNER-EXPERIENCE", Severity.BLOCKING);
        }

        @Test
        void r507_PARTNER_EXPERIENCE_is_missing_when_not_stated() {
            onlyFinding(base().remove("partners[0].experience").evaluate(CALL), "507-PARTNER-EXPERIENCE", Severity.MISSING);
        }
    }

    @Nested
    @DisplayName("507-SUBSIDY-MAX")
    class SubsidyMax {
        @Test
        void r507_SUBSIDY_MAX_passes_at_exactly_40000() {
            Verdict v = base().set("financing.totalCost", eur("160000")).set("financing.own", eur("120000"))
                    .set("financing.amif", eur("20000.00")).set("financing.vvsg", eur("20000.00")).evaluate(CALL);
            assertThat(v.findings()).isEmpty();
        }

        @Test
        void r507_SUBSIDY_MAX_fails_at_40000_01() {
            Verdict v = base().set("financing.totalCost", eur("160000")).set("financing.own", eur("119999.99"))
                    .set("financing.amif", eur("20000.01")).set("financing.vvsg", eur("20000")).evaluate(CALL);
            onlyFinding(v, "507-SUBSIDY-MAX", Severity.BLOCKING);
            assertThat(v.findings().get(0).values()).containsEntry("subsidy", eur("40000.01")).containsEntry("limit", eur("40000"));
        }

        @Test
        void r507_SUBSIDY_MAX_is_missing_without_the_amounts() {
            Verdict v = base().remove("financing.amif").evaluate(CALL);
            assertThat(findingsOf(v, "507-SUBSIDY-MAX")).singleElement()
                    .satisfies(f -> assertThat(f.values()).containsEntry("missing", List.of("financing.amif")));
            assertThat(v.verdict()).isEqualTo(Outcome.INCOMPLETE);
        }
    }

    @Nested
    @DisplayName("507-AMIF-SHARE")
    class AmifShare {
        @Test
        void r507_AMIF_SHARE_passes_at_exactly_25_percent() {
            passes(base().evaluate(CALL), "507-AMIF-SHARE"); // 20,000 of 80,000
        }

        @Test
        void r507_AMIF_SHARE_fails_one_cent_above() {
            Verdict v = base().set("financing.amif", eur("20000.01")).set("financing.vvsg", eur("19999.99")).evaluate(CALL);
            onlyFinding(v, "507-AMIF-SHARE", Severity.BLOCKING);
        }

        @Test
        void r507_AMIF_SHARE_is_missing_without_total_cost() {
            assertThat(findingsOf(base().remove("financing.totalCost").evaluate(CALL), "507-AMIF-SHARE"))
                    .singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.MISSING));
        }
    }

    @Nested
    @DisplayName("507-VVSG-SHARE")
    class VvsgShare {
        @Test
        void r507_VVSG_SHARE_passes_at_exactly_25_percent() {
            passes(base().evaluate(CALL), "507-VVSG-SHARE");
        }

        @Test
        void r507_VVSG_SHARE_fails_one_cent_above() {
            onlyFinding(base().set("financing.vvsg", eur("20000.01")).set("financing.amif", eur("19999.99")).evaluate(CALL),
                    "507-VVSG-SHARE", Severity.BLOCKING);
        }
    }

    @Nested
    @DisplayName("507-OWN-SHARE")
    class OwnShare {
        @Test
        void r507_OWN_SHARE_passes_at_exactly_50_percent() {
            passes(base().evaluate(CALL), "507-OWN-SHARE");
        }

        @Test
        void r507_OWN_SHARE_fails_one_cent_below() {
            Verdict v = base().set("financing.own", eur("39999.99")).set("financing.totalCost", eur("79999.99")).evaluate(CALL);
            // 20,000 AMIF and VVSG of 79,999.99 are then each above 25% too: the shares go together.
            assertThat(findingIds(v)).contains("507-OWN-SHARE", "507-AMIF-SHARE", "507-VVSG-SHARE").doesNotContain("507-BALANCE");
        }
    }

    @Nested
    @DisplayName("507-BALANCE")
    class Balance {
        @Test
        void r507_BALANCE_passes_when_the_plan_adds_up_to_the_cent() {
            passes(base().set("financing.totalCost", eur("80000.02")).set("financing.own", eur("40000.02")).evaluate(CALL), "507-BALANCE");
        }

        @Test
        void r507_BALANCE_fails_one_cent_off() {
            onlyFinding(base().set("financing.own", eur("40000.01")).evaluate(CALL), "507-BALANCE", Severity.BLOCKING);
        }

        @Test
        void r507_BALANCE_is_missing_without_own_financing() {
            assertThat(findingsOf(base().remove("financing.own").evaluate(CALL), "507-BALANCE"))
                    .singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.MISSING));
        }
    }

    @Nested
    @DisplayName("507-DEADLINE")
    class Deadline {
        @Test
        void r507_DEADLINE_passes_on_the_deadline() {
            passes(base().set("submittedOn", "2020-10-16").evaluate(CALL), "507-DEADLINE");
        }

        @Test
        void r507_DEADLINE_fails_the_day_after() {
            onlyFinding(base().set("submittedOn", "2020-10-17").evaluate(CALL), "507-DEADLINE", Severity.BLOCKING);
        }
    }

    @Nested
    @DisplayName("507-PERIOD")
    class ProjectPeriod {
        @Test
        void r507_PERIOD_passes_on_the_exact_bounds() {
            passes(base().evaluate(CALL), "507-PERIOD");
        }

        @ParameterizedTest(name = "{0} to {1}")
        @CsvSource({"2020-12-31, 2022-06-30", "2021-01-01, 2022-07-01"})
        void r507_PERIOD_fails_a_day_outside(String start, String end) {
            onlyFinding(base().set("period.start", start).set("period.end", end).evaluate(CALL), "507-PERIOD", Severity.BLOCKING);
        }

        @Test
        void r507_PERIOD_is_missing_without_an_end() {
            onlyFinding(base().remove("period.end").evaluate(CALL), "507-PERIOD", Severity.MISSING);
        }
    }

    @Nested
    @DisplayName("507-TRAJECTORY")
    class Trajectory {
        @Test
        void r507_TRAJECTORY_passes_for_a_named_form_or_a_justified_other() {
            passes(base().evaluate(CALL), "507-TRAJECTORY");
            passes(base().set("trajectories[0].form", "OTHER").set("trajectories[0].justification", "Samen koken").evaluate(CALL),
                    "507-TRAJECTORY");
        }

        @Test
        void r507_TRAJECTORY_fails_without_any_or_with_an_unjustified_other() {
            onlyFinding(base().set("trajectories", List.of()).evaluate(CALL), "507-TRAJECTORY", Severity.BLOCKING);
            onlyFinding(base().set("trajectories[0].form", "OTHER").evaluate(CALL), "507-TRAJECTORY", Severity.BLOCKING);
        }

        @Test
        void r507_TRAJECTORY_is_missing_when_not_stated() {
            assertThat(findingsOf(base().remove("trajectories").evaluate(CALL), "507-TRAJECTORY"))
                    .singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.MISSING));
        }
    }

    @Nested
    @DisplayName("507-TARGET-GROUP")
    class TargetGroup {
        @Test
        void r507_TARGET_GROUP_passes_with_newcomers_among_others() {
            passes(base().set("targetGroups", List.of("GENERAL_PUBLIC", "NEWCOMERS")).evaluate(CALL), "507-TARGET-GROUP");
        }

        @Test
        void r507_TARGET_GROUP_fails_without_newcomers() {
            onlyFinding(base().set("targetGroups", List.of("ORGANISATIONS")).evaluate(CALL), "507-TARGET-GROUP", Severity.BLOCKING);
        }
    }

    @Nested
    @DisplayName("507-EVALUATION, 507-FRAMEWORK, 507-LEARNING-NETWORK")
    class Commitments {
        @ParameterizedTest(name = "{1} without {0}")
        @CsvSource({"EVALUATE_TRAJECTORIES, 507-EVALUATION", "OPERATIONAL_FRAMEWORK, 507-FRAMEWORK", "LEARNING_NETWORK, 507-LEARNING-NETWORK"})
        void r507_commitment_rules_fail_without_their_commitment(String commitment, String rule) {
            List<String> others = new java.util.ArrayList<>(List.of("EVALUATE_TRAJECTORIES", "OPERATIONAL_FRAMEWORK", "LEARNING_NETWORK"));
            others.remove(commitment);
            onlyFinding(base().set("commitments", others).evaluate(CALL), rule, Severity.BLOCKING);
        }

        @Test
        void r507_commitment_rules_pass_with_all_three() {
            Verdict v = base().evaluate(CALL);
            assertThat(v.passed()).contains("507-EVALUATION", "507-FRAMEWORK", "507-LEARNING-NETWORK");
        }
    }

    @Nested
    @DisplayName("507-SMALL-ALONE")
    class SmallAlone {
        @Test
        void r507_SMALL_ALONE_warns_a_small_municipality_alone_and_says_it_is_an_assumption() {
            Verdict v = base().set("coApplicants", List.of()).evaluate(CALL);
            onlyFinding(v, "507-SMALL-ALONE", Severity.WARNING);
            assertThat(v.verdict()).isEqualTo(Outcome.ELIGIBLE);
            assertThat(v.findings().get(0).assumption()).contains("Assumption").contains("centrumsteden");
        }

        @Test
        void r507_SMALL_ALONE_passes_with_co_applicants_or_for_a_centrumstad() {
            passes(base().evaluate(CALL), "507-SMALL-ALONE");
            passes(base().set("coApplicants", List.of()).set("applicant.nis", "12025").evaluate(CALL), "507-SMALL-ALONE");
        }
    }

    @Nested
    @DisplayName("507-HOURS")
    class Hours {
        @Test
        void r507_HOURS_passes_at_40() {
            passes(base().evaluate(CALL), "507-HOURS");
        }

        @Test
        void r507_HOURS_warns_below_40_without_refusing() {
            Verdict v = base().set("trajectories[0].hoursPerParticipant", eur("39.5")).evaluate(CALL);
            onlyFinding(v, "507-HOURS", Severity.WARNING);
            assertThat(v.verdict()).isEqualTo(Outcome.ELIGIBLE);
        }
    }

    @Nested
    @DisplayName("financing plan")
    class Plan {
        @ParameterizedTest(name = "cost {0}: subsidy {1}, AMIF {2}, VVSG {3}, own at least {4}")
        @CsvSource({
                "80000, 40000, 20000, 20000, 40000",
                "200000, 40000, 20000, 20000, 160000",
                "60000, 30000, 15000, 15000, 30000",
                "60000.02, 30000.01, 15000, 15000, 30000.02"
        })
        void the_plan_allows_the_lower_of_the_maximum_and_half_the_cost(String cost, String max, String amif, String vvsg, String own) {
            Verdict v = base().set("financing.totalCost", eur(cost)).evaluate(CALL);
            assertThat(v.financing().maxSubsidy()).isEqualByComparingTo(max);
            assertThat(v.financing().amif()).isEqualByComparingTo(amif);
            assertThat(v.financing().vvsg()).isEqualByComparingTo(vvsg);
            assertThat(v.financing().ownMin()).isEqualByComparingTo(own);
        }

        @Test
        void no_plan_without_a_total_cost() {
            assertThat(base().remove("financing.totalCost").evaluate(CALL).financing()).isNull();
        }
    }
}
