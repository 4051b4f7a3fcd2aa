package callcheck.rules;

import callcheck.engine.Finding;
import callcheck.engine.FinancingPlan;
import callcheck.engine.Outcome;
import callcheck.engine.UnknownCallException;
import callcheck.engine.Verdict;
import callcheck.examples.Example;
import callcheck.model.ProposalReader;
import callcheck.pack.RulePack;
import callcheck.engine.Severity;
import callcheck.support.Packs;
import callcheck.support.ProposalJson;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static callcheck.support.ProposalJson.findingIds;
import static callcheck.support.ProposalJson.findingsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Call 426, rule by rule, and its two versions. Each rule passes on the eligible base proposal and fails on one
 * changed fact. The base (examples/426/eligible-at-25-percent.json) brings exactly 25% own financing and is
 * submitted on the deadline day.
 */
class Call426RulesTest {
    private static final String CALL = "426";
    private static final String FIRST = "2017-12-22";
    private static final String SECOND = "2018-06-27";
    /** The INFO finding every proposal gets: the jury's criteria. */
    private static final List<String> ALWAYS = List.of("426-INNOVATIVE");

    private static ProposalJson base() {
        return ProposalJson.from("426/eligible-at-25-percent.json");
    }

    private static BigDecimal eur(String s) {
        return new BigDecimal(s);
    }

    /** A financing plan with no VVSG: subsidy and own financing, the total their sum. */
    private static ProposalJson financing(String amif, String own) {
        return base().set("financing.amif", eur(amif)).set("financing.own", eur(own))
                .set("financing.totalCost", eur(amif).add(eur(own)));
    }

    /** Besides the INFO finding, only the given rule finds something, with the given severity. */
    private static void onlyFinding(Verdict v, String rule, Severity severity) {
        assertThat(findingIds(v)).containsExactlyInAnyOrder(rule, "426-INNOVATIVE");
        assertThat(findingsOf(v, rule)).isNotEmpty().allSatisfy(f -> assertThat(f.severity()).isEqualTo(severity));
        assertThat(v.passed()).doesNotContain(rule);
        assertThat(v.verdict()).isEqualTo(switch (severity) {
            case BLOCKING -> Outcome.INELIGIBLE;
            case MISSING -> Outcome.INCOMPLETE;
            default -> Outcome.ELIGIBLE;
        });
    }

    private static void passes(Verdict v, String rule) {
        assertThat(findingsOf(v, rule)).isEmpty();
        assertThat(v.passed()).contains(rule);
    }

    private static Finding single(Verdict v, String rule) {
        List<Finding> found = findingsOf(v, rule);
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static BigDecimal amount(Finding f, String key) {
        return new BigDecimal(f.values().get(key).toString());
    }

    @Test
    @DisplayName("the base proposal is eligible: only the two INFO findings, every other rule passed")
    void baseIsEligible() {
        Verdict v = base().evaluate(CALL);
        assertThat(v.verdict()).isEqualTo(Outcome.ELIGIBLE);
        assertThat(v.version()).isEqualTo(SECOND); // the raise governs the call's whole period (rules/426/README.md)
        assertThat(findingIds(v)).containsExactlyElementsOf(ALWAYS);
        assertThat(v.findings()).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.INFO));
        assertThat(v.passed()).containsExactly("426-ACTIONS", "426-BALANCE", "426-BEHAVIOUR", "426-COST-MIN",
                "426-DEADLINE", "426-EXPERIENCE", "426-LEGAL-PERSON", "426-OWN-SHARE", "426-PACT", "426-PARTNERSHIP",
                "426-SUBSIDY-RANGE");
    }

    @Nested
    @DisplayName("426-PARTNERSHIP")
    class Partnership {
        @Test
        @DisplayName("426-PARTNERSHIP: a lead applicant with one partner passes")
        void r426_PARTNERSHIP_passes_with_a_partner() {
            passes(base().evaluate(CALL), "426-PARTNERSHIP");
        }

        @Test
        @DisplayName("426-PARTNERSHIP: a co-applicant is a member of the partnership too")
        void r426_PARTNERSHIP_passes_with_a_co_applicant_only() {
            Verdict v = base().set("partners", List.of())
                    .add("coApplicants", "{\"name\":\"Stad Mechelen\",\"kind\":\"MUNICIPALITY\",\"nis\":\"12025\",\"legalPersonality\":true,\"experience\":[]}")
                    .evaluate(CALL);
            passes(v, "426-PARTNERSHIP");
            assertThat(v.verdict()).isEqualTo(Outcome.ELIGIBLE);
        }

        @Test
        @DisplayName("426-PARTNERSHIP: a lead applicant alone fails")
        void r426_PARTNERSHIP_fails_alone() {
            Verdict v = base().set("partners", List.of()).evaluate(CALL);
            onlyFinding(v, "426-PARTNERSHIP", Severity.BLOCKING);
            assertThat(single(v, "426-PARTNERSHIP").message().en()).contains("vzw Open Blik").contains("submits alone");
        }

        @Test
        @DisplayName("426-PARTNERSHIP: absent partner lists name no one; a rule that @needs them (426-LEGAL-PERSON) says they are missing")
        void r426_PARTNERSHIP_fails_without_partner_list() {
            Verdict v = base().remove("partners").remove("coApplicants").evaluate(CALL);
            assertThat(findingIds(v)).containsExactlyInAnyOrder("426-PARTNERSHIP", "426-LEGAL-PERSON", "426-INNOVATIVE");
            assertThat(single(v, "426-PARTNERSHIP").severity()).isEqualTo(Severity.BLOCKING);
            assertThat(single(v, "426-LEGAL-PERSON").severity()).isEqualTo(Severity.MISSING);
            assertThat(single(v, "426-LEGAL-PERSON").values()).containsEntry("missing", List.of("coApplicants", "partners"));
            assertThat(v.verdict()).isEqualTo(Outcome.INELIGIBLE);
        }

        @Test
        @DisplayName("426-PARTNERSHIP: empty partner lists are a value: none were named")
        void r426_PARTNERSHIP_fails_with_empty_partner_lists() {
            onlyFinding(base().set("partners", List.of()).set("coApplicants", List.of()).evaluate(CALL), "426-PARTNERSHIP", Severity.BLOCKING);
        }

        @Test
        @DisplayName("426-PARTNERSHIP: without a lead applicant the partnership is missing, not refused")
        void r426_PARTNERSHIP_is_missing_without_applicant() {
            Verdict v = base().remove("applicant").evaluate(CALL);
            assertThat(v.verdict()).isEqualTo(Outcome.INCOMPLETE);
            Finding f = single(v, "426-PARTNERSHIP");
            assertThat(f.severity()).isEqualTo(Severity.MISSING);
            assertThat(f.values()).containsEntry("missing", List.of("applicant"));
        }
    }

    @Nested
    @DisplayName("426-LEGAL-PERSON")
    class LegalPerson {
        @Test
        @DisplayName("426-LEGAL-PERSON: every member with legal personality passes")
        void r426_LEGAL_PERSON_passes() {
            passes(base().evaluate(CALL), "426-LEGAL-PERSON");
        }

        @ParameterizedTest(name = "426-LEGAL-PERSON: fails when {0} has none")
        @CsvSource({"applicant.legalPersonality, vzw Open Blik", "partners[0].legalPersonality, Stad Mechelen"})
        void r426_LEGAL_PERSON_fails_for_any_member_without(String field, String name) {
            Verdict v = base().set(field, false).evaluate(CALL);
            onlyFinding(v, "426-LEGAL-PERSON", Severity.BLOCKING);
            assertThat(single(v, "426-LEGAL-PERSON").values()).containsEntry("name", name);
        }

        @Test
        @DisplayName("426-LEGAL-PERSON: fails for a co-applicant without legal personality")
        void r426_LEGAL_PERSON_fails_for_a_co_applicant() {
            Verdict v = base().add("coApplicants", "{\"name\":\"Buurtcomité\",\"kind\":\"OTHER\",\"legalPersonality\":false,\"experience\":[]}")
                    .evaluate(CALL);
            onlyFinding(v, "426-LEGAL-PERSON", Severity.BLOCKING);
            assertThat(single(v, "426-LEGAL-PERSON").message().nl()).contains("Buurtcomité").contains("geen rechtspersoonlijkheid");
        }

        @Test
        @DisplayName("426-LEGAL-PERSON: a member's absent legal personality is missing and names the field")
        void r426_LEGAL_PERSON_is_missing() {
            Verdict v = base().remove("partners[0].legalPersonality").evaluate(CALL);
            onlyFinding(v, "426-LEGAL-PERSON", Severity.MISSING);
            assertThat(single(v, "426-LEGAL-PERSON").values()).containsEntry("missing", List.of("partners[0].legalPersonality"));
        }
    }

    @Nested
    @DisplayName("426-EXPERIENCE")
    class PartnershipExperience {
        private static final String NONE = "[]";

        @Test
        @DisplayName("426-EXPERIENCE: the lead applicant's experience is enough")
        void r426_EXPERIENCE_passes_by_the_applicant() {
            passes(base().evaluate(CALL), "426-EXPERIENCE");
        }

        @Test
        @DisplayName("426-EXPERIENCE: one partner's experience is enough: the partnership as a whole shows it")
        void r426_EXPERIENCE_passes_by_a_partner() {
            Verdict v = base().json("applicant.experience", NONE)
                    .json("partners[0].experience", "[\"ANTI_DISCRIMINATION\"]").evaluate(CALL);
            passes(v, "426-EXPERIENCE");
            assertThat(v.verdict()).isEqualTo(Outcome.ELIGIBLE);
        }

        @Test
        @DisplayName("426-EXPERIENCE: one co-applicant's experience is enough")
        void r426_EXPERIENCE_passes_by_a_co_applicant() {
            passes(base().json("applicant.experience", NONE)
                    .add("coApplicants", "{\"name\":\"vzw Kleurrijk\",\"kind\":\"NON_PROFIT\",\"legalPersonality\":true,\"experience\":[\"ANTI_DISCRIMINATION\"]}")
                    .evaluate(CALL), "426-EXPERIENCE");
        }

        @Test
        @DisplayName("426-EXPERIENCE: fails when no member shows it; experience with newcomers is another topic")
        void r426_EXPERIENCE_fails_when_no_member_shows_it() {
            Verdict v = base().json("applicant.experience", "[\"NEWCOMER_PARTICIPATION\"]").evaluate(CALL);
            onlyFinding(v, "426-EXPERIENCE", Severity.BLOCKING);
            assertThat(single(v, "426-EXPERIENCE").values()).containsEntry("members", List.of("vzw Open Blik", "Stad Mechelen"));
        }

        @Test
        @DisplayName("426-EXPERIENCE: an absent experience is missing while no other member shows it")
        void r426_EXPERIENCE_is_missing_when_it_could_decide() {
            Verdict v = base().remove("applicant.experience").evaluate(CALL);
            onlyFinding(v, "426-EXPERIENCE", Severity.MISSING);
            assertThat(single(v, "426-EXPERIENCE").values()).containsEntry("name", "vzw Open Blik");
        }

        @Test
        @DisplayName("426-EXPERIENCE: an absent experience is not needed when another member shows it")
        void r426_EXPERIENCE_needs_no_more_once_shown() {
            Verdict v = base().remove("partners[0].experience").evaluate(CALL);
            passes(v, "426-EXPERIENCE");
            assertThat(v.verdict()).isEqualTo(Outcome.ELIGIBLE);
        }
    }

    @Nested
    @DisplayName("426-SUBSIDY-RANGE")
    class SubsidyRange {
        @ParameterizedTest(name = "426-SUBSIDY-RANGE: a subsidy of {0} {1}")
        @CsvSource({
                "99999.99,  fails",
                "100000.00, passes",
                "175000,    passes",
                "250000.00, passes",
                "250000.01, fails"
        })
        void r426_SUBSIDY_RANGE_boundaries(String subsidy, String outcome) {
            // Own financing of 150,000 keeps every case above 25%, so only the range decides.
            Verdict v = financing(subsidy, "150000").evaluate(CALL);
            if (outcome.equals("passes")) {
                passes(v, "426-SUBSIDY-RANGE");
                assertThat(v.verdict()).isEqualTo(Outcome.ELIGIBLE);
            } else {
                onlyFinding(v, "426-SUBSIDY-RANGE", Severity.BLOCKING);
                Finding f = single(v, "426-SUBSIDY-RANGE");
                assertThat(amount(f, "subsidy")).isEqualByComparingTo(subsidy);
                assertThat(amount(f, "min")).isEqualByComparingTo("100000");
                assertThat(amount(f, "max")).isEqualByComparingTo("250000");
            }
        }

        @Test
        @DisplayName("426-SUBSIDY-RANGE: the subsidy is AMIF plus any VVSG a proposal names")
        void r426_SUBSIDY_RANGE_counts_vvsg() {
            Verdict v = financing("200000", "150000").set("financing.vvsg", eur("50000.01"))
                    .set("financing.totalCost", eur("400000.01")).evaluate(CALL);
            onlyFinding(v, "426-SUBSIDY-RANGE", Severity.BLOCKING);
            assertThat(amount(single(v, "426-SUBSIDY-RANGE"), "subsidy")).isEqualByComparingTo("250000.01");
        }

        @Test
        @DisplayName("426-SUBSIDY-RANGE: without the AMIF amount the subsidy is missing")
        void r426_SUBSIDY_RANGE_is_missing() {
            Verdict v = base().remove("financing.amif").evaluate(CALL);
            assertThat(v.verdict()).isEqualTo(Outcome.INCOMPLETE);
            assertThat(single(v, "426-SUBSIDY-RANGE").severity()).isEqualTo(Severity.MISSING);
            assertThat(single(v, "426-BALANCE").severity()).isEqualTo(Severity.MISSING);
        }
    }

    @Nested
    @DisplayName("426-OWN-SHARE")
    class OwnShare {
        @Test
        @DisplayName("426-OWN-SHARE: exactly 25% of the total cost passes")
        void r426_OWN_SHARE_passes_at_exactly_25_percent() {
            Verdict v = financing("150000", "50000").evaluate(CALL);
            passes(v, "426-OWN-SHARE");
            assertThat(v.verdict()).isEqualTo(Outcome.ELIGIBLE);
        }

        @Test
        @DisplayName("426-OWN-SHARE: one cent below 25% fails, and says the minimum")
        void r426_OWN_SHARE_fails_one_cent_below() {
            Verdict v = base().set("financing.amif", eur("150000.01")).set("financing.own", eur("49999.99")).evaluate(CALL);
            onlyFinding(v, "426-OWN-SHARE", Severity.BLOCKING);
            Finding f = single(v, "426-OWN-SHARE");
            assertThat(amount(f, "limit")).isEqualByComparingTo("50000");
            assertThat(amount(f, "percent")).isEqualByComparingTo("25");
            assertThat(f.message().en()).contains("€49,999.99").contains("25%");
            assertThat(f.message().nl()).contains("€ 49.999,99").contains("25%");
        }

        @Test
        @DisplayName("426-OWN-SHARE: without own financing it is missing")
        void r426_OWN_SHARE_is_missing() {
            Verdict v = base().remove("financing.own").evaluate(CALL);
            assertThat(single(v, "426-OWN-SHARE").severity()).isEqualTo(Severity.MISSING);
            assertThat(single(v, "426-OWN-SHARE").values()).containsEntry("missing", List.of("financing.own"));
        }
    }

    @Nested
    @DisplayName("426-BALANCE")
    class Balance {
        @Test
        @DisplayName("426-BALANCE: subsidy and own financing adding up to the cost passes, with VVSG absent or zero")
        void r426_BALANCE_passes() {
            passes(base().evaluate(CALL), "426-BALANCE");
            passes(base().set("financing.vvsg", BigDecimal.ZERO).evaluate(CALL), "426-BALANCE");
            passes(base().remove("financing.vvsg").evaluate(CALL), "426-BALANCE");
        }

        @Test
        @DisplayName("426-BALANCE: one cent too much fails")
        void r426_BALANCE_fails() {
            Verdict v = base().set("financing.own", eur("50000.01")).evaluate(CALL);
            onlyFinding(v, "426-BALANCE", Severity.BLOCKING);
            Finding f = single(v, "426-BALANCE");
            assertThat(amount(f, "sum")).isEqualByComparingTo("200000.01");
            assertThat(amount(f, "totalCost")).isEqualByComparingTo("200000");
        }

        @Test
        @DisplayName("426-BALANCE: a VVSG amount counts in the sum")
        void r426_BALANCE_counts_vvsg() {
            onlyFinding(base().set("financing.vvsg", eur("10000")).evaluate(CALL), "426-BALANCE", Severity.BLOCKING);
        }

        @Test
        @DisplayName("426-BALANCE: without any financing every financing rule is missing, naming 'financing' once")
        void r426_BALANCE_is_missing_without_financing() {
            Verdict v = base().remove("financing").evaluate(CALL);
            assertThat(v.verdict()).isEqualTo(Outcome.INCOMPLETE);
            assertThat(v.financing()).isNull();
            for (String rule : List.of("426-BALANCE", "426-OWN-SHARE", "426-SUBSIDY-RANGE", "426-COST-MIN")) {
                Finding f = single(v, rule);
                assertThat(f.severity()).as(rule).isEqualTo(Severity.MISSING);
                assertThat(f.values()).as(rule).containsEntry("missing", List.of("financing"));
            }
        }
    }

    @Nested
    @DisplayName("426-COST-MIN and the financing plan")
    class Plan {
        @ParameterizedTest(name = "a total cost of {0} allows a subsidy of {1}")
        @CsvSource({
                "400000,    250000",     // the cap
                "1000000,   250000",
                "200000,    150000",     // 75% of the cost
                "200000.01, 150000.00",  // 150,000.0075 rounded down to cents
                "133333.34, 100000.00"   // the least total cost: 75% is 100,000.005
        })
        void the_plan_gives_the_highest_subsidy_as_AMIF_and_the_rest_as_own_financing(String total, String max) {
            // Whatever the proposal asks, the plan depends on its total cost only.
            FinancingPlan asked = base().set("financing.totalCost", eur(total)).evaluate(CALL).financing();
            // A proposal that asks exactly the plan is eligible: the plan is the most the rules allow.
            Verdict v = financing(max, eur(total).subtract(eur(max)).toPlainString()).evaluate(CALL);
            assertThat(v.verdict()).isEqualTo(Outcome.ELIGIBLE);
            assertThat(v.financing()).isEqualTo(asked);
            FinancingPlan plan = v.financing();
            assertThat(plan.maxSubsidy()).isEqualByComparingTo(max);
            assertThat(plan.amif()).isEqualByComparingTo(max);
            assertThat(plan.vvsg()).as("call 426 has no VVSG").isNull();
            assertThat(plan.ownMin()).isEqualByComparingTo(eur(total).subtract(eur(max)));
            passes(v, "426-COST-MIN");
        }

        @Test
        @DisplayName("426-COST-MIN: below 133,333.34 no subsidy is possible: the plan is 0 and the finding says why")
        void r426_COST_MIN_explains_a_plan_without_subsidy() {
            Verdict v = ProposalJson.from("426/ineligible-cost-too-small.json").evaluate(CALL);
            FinancingPlan plan = v.financing();
            assertThat(plan.maxSubsidy()).isEqualByComparingTo("0");
            assertThat(plan.amif()).isEqualByComparingTo("0");
            assertThat(plan.vvsg()).isNull();
            assertThat(plan.ownMin()).isEqualByComparingTo("133333.33");
            Finding f = single(v, "426-COST-MIN");
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(amount(f, "highest")).isEqualByComparingTo("99999.99");
            assertThat(amount(f, "leastTotal")).isEqualByComparingTo("133333.34");
            assertThat(f.message().en()).contains("no subsidy is possible").contains("€133,333.34");
        }

        @Test
        @DisplayName("426-COST-MIN: informs, never refuses: a proposal refused for it alone does not exist")
        void r426_COST_MIN_is_info() {
            Verdict v = base().set("financing.totalCost", eur("100000")).set("financing.amif", eur("75000"))
                    .set("financing.own", eur("25000")).evaluate(CALL);
            assertThat(single(v, "426-COST-MIN").severity()).isEqualTo(Severity.INFO);
            assertThat(findingIds(v)).contains("426-SUBSIDY-RANGE"); // the range is what refuses it
        }
    }

    @Nested
    @DisplayName("426-ACTIONS")
    class Actions {
        @Test
        @DisplayName("426-ACTIONS: concrete and visible actions pass")
        void r426_ACTIONS_passes() {
            passes(base().evaluate(CALL), "426-ACTIONS");
        }

        @Test
        @DisplayName("426-ACTIONS: no action at all fails")
        void r426_ACTIONS_fails_without_actions() {
            Verdict v = base().set("actions", List.of()).evaluate(CALL);
            onlyFinding(v, "426-ACTIONS", Severity.BLOCKING);
            assertThat(single(v, "426-ACTIONS").values()).containsEntry("actions", 0);
        }

        @ParameterizedTest(name = "426-ACTIONS: an action that is not {0} fails")
        @CsvSource({"concrete", "visible"})
        void r426_ACTIONS_fails_for_one_action_that_is_not(String property) {
            Verdict v = base().set("actions[1]." + property, false).evaluate(CALL);
            onlyFinding(v, "426-ACTIONS", Severity.BLOCKING);
            Finding f = single(v, "426-ACTIONS");
            assertThat(f.values()).containsEntry("index", 1).containsEntry(property, false)
                    .containsEntry("title", "Campagne op bussen en tramhaltes");
        }

        @Test
        @DisplayName("426-ACTIONS: an absent list or an unsaid property is missing")
        void r426_ACTIONS_is_missing() {
            Verdict noList = base().remove("actions").evaluate(CALL);
            onlyFinding(noList, "426-ACTIONS", Severity.MISSING);
            assertThat(single(noList, "426-ACTIONS").values()).containsEntry("missing", List.of("actions"));
            Verdict unsaid = base().remove("actions[0].visible").evaluate(CALL);
            onlyFinding(unsaid, "426-ACTIONS", Severity.MISSING);
            assertThat(single(unsaid, "426-ACTIONS").values()).containsEntry("missing", List.of("actions[0].visible"));
        }
    }

    @Nested
    @DisplayName("426-BEHAVIOUR")
    class Behaviour {
        @Test
        @DisplayName("426-BEHAVIOUR: aiming at a change of behaviour passes")
        void r426_BEHAVIOUR_passes() {
            passes(base().evaluate(CALL), "426-BEHAVIOUR");
        }

        @Test
        @DisplayName("426-BEHAVIOUR: no such aim fails")
        void r426_BEHAVIOUR_fails() {
            onlyFinding(base().set("aims", List.of()).evaluate(CALL), "426-BEHAVIOUR", Severity.BLOCKING);
        }

        @Test
        @DisplayName("426-BEHAVIOUR: absent aims are missing")
        void r426_BEHAVIOUR_is_missing() {
            onlyFinding(base().remove("aims").evaluate(CALL), "426-BEHAVIOUR", Severity.MISSING);
        }
    }

    @Nested
    @DisplayName("426-PACT")
    class Pact {
        @Test
        @DisplayName("426-PACT: a signed engagement declaration passes")
        void r426_PACT_passes() {
            passes(base().evaluate(CALL), "426-PACT");
        }

        @Test
        @DisplayName("426-PACT: other commitments without the declaration fail")
        void r426_PACT_fails() {
            Verdict v = base().set("commitments", List.of("LEARNING_NETWORK")).evaluate(CALL);
            onlyFinding(v, "426-PACT", Severity.BLOCKING);
            assertThat(single(v, "426-PACT").message().en()).contains("Integratiepact engagement declaration");
        }

        @Test
        @DisplayName("426-PACT: absent commitments are missing")
        void r426_PACT_is_missing() {
            onlyFinding(base().remove("commitments").evaluate(CALL), "426-PACT", Severity.MISSING);
        }
    }

    @Nested
    @DisplayName("426-DEADLINE")
    class Deadline {
        @ParameterizedTest(name = "426-DEADLINE: submitted on {0} {1}")
        @CsvSource({"2017-12-22, passes", "2018-03-30, passes", "2018-03-31, fails", "2018-06-27, fails"})
        void r426_DEADLINE(String date, String outcome) {
            Verdict v = base().set("submittedOn", date).evaluate(CALL);
            if (outcome.equals("passes")) passes(v, "426-DEADLINE");
            else {
                onlyFinding(v, "426-DEADLINE", Severity.BLOCKING);
                assertThat(single(v, "426-DEADLINE").values()).containsEntry("deadline", java.time.LocalDate.parse("2018-03-30"));
            }
        }
    }

    @Nested
    @DisplayName("426-INNOVATIVE")
    class Innovative {
        @Test
        @DisplayName("426-INNOVATIVE: always reported as INFO, beside an eligible verdict and an ineligible one")
        void r426_INNOVATIVE_is_always_info() {
            Verdict eligible = base().evaluate(CALL);
            Verdict ineligible = base().set("partners", List.of()).set("aims", List.of()).evaluate(CALL);
            for (Verdict v : List.of(eligible, ineligible)) {
                Finding f = single(v, "426-INNOVATIVE");
                assertThat(f.severity()).isEqualTo(Severity.INFO);
                assertThat(f.message().en()).contains("jury");
                assertThat(v.passed()).doesNotContain("426-INNOVATIVE");
            }
            assertThat(eligible.verdict()).isEqualTo(Outcome.ELIGIBLE);
            assertThat(ineligible.verdict()).isEqualTo(Outcome.INELIGIBLE);
        }
    }

    @Nested
    @DisplayName("the two versions (their budgets: RoundRulesTest)")
    class Versions {
        private RulePack pack(String version) {
            return Packs.engine().packs().versions(CALL).stream().filter(p -> p.version().equals(version)).findFirst().orElseThrow();
        }

        @Test
        @DisplayName("both versions load side by side, in date order, with their own budget and digest")
        void both_versions_load() {
            List<RulePack> versions = Packs.engine().packs().versions(CALL);
            assertThat(versions).extracting(RulePack::version).containsExactly(FIRST, SECOND);
            assertThat(versions.get(0).digest()).isNotEqualTo(versions.get(1).digest());
            assertThat(pack(FIRST).parameters().amount("callBudget")).isEqualByComparingTo("1000000");
            assertThat(pack(SECOND).parameters().amount("callBudget")).isEqualByComparingTo("1600000");
            assertThat(pack(FIRST).parameters().get("callBudget").assumption()).isNull();
            assertThat(pack(SECOND).parameters().get("callBudget").assumption()).startsWith("Assumption:").contains("27 June 2018");
            // The second version states only the raise; it inherits every rule and the submission dates.
            assertThat(pack(SECOND).lineage().extendsVersion()).isEqualTo(FIRST);
            assertThat(pack(SECOND).lineage().parameters()).containsExactly("callBudget");
            assertThat(pack(SECOND).ruleIds()).isEqualTo(pack(FIRST).ruleIds());
            assertThat(pack(SECOND).manifest().submissions()).isEqualTo(pack(FIRST).manifest().submissions());
        }

        @ParameterizedTest(name = "submitted on {0}: version {1}, {2}")
        @CsvSource({
                "2017-12-22, 2018-06-27, passes",
                "2018-03-30, 2018-06-27, passes",
                "2018-03-31, 2018-06-27, fails",
                "2018-07-02, 2018-06-27, fails"
        })
        @DisplayName("the raise governs the selection of the whole period: no proposal in time is judged late by a version switch")
        void the_submission_date_picks_the_version(String date, String version, String deadline) {
            Verdict v = base().set("submittedOn", date).evaluate(CALL);
            assertThat(v.version()).isEqualTo(version);
            if (deadline.equals("passes")) passes(v, "426-DEADLINE");
            else onlyFinding(v, "426-DEADLINE", Severity.BLOCKING);
        }

        @Test
        @DisplayName("before the launch no version governs: an error, not a guess")
        void no_version_before_the_launch() {
            assertThatThrownBy(() -> base().set("submittedOn", "2017-12-21").evaluate(CALL))
                    .isInstanceOfSatisfying(UnknownCallException.class, e -> assertThat(e.code()).isEqualTo("no_version_for_date"));
        }

        @Test
        @DisplayName("the same proposal pinned to each version gets the same answer: the versions differ only in call-level rules")
        void the_versions_give_one_proposal_the_same_answer() {
            List<Example> examples = Example.of(Packs.EXAMPLES.resolve(CALL));
            assertThat(examples).hasSizeGreaterThanOrEqualTo(12);
            for (Example example : examples) {
                Verdict first = Packs.engine().evaluate(CALL, FIRST, ProposalReader.read(example.proposal()));
                Verdict second = Packs.engine().evaluate(CALL, SECOND, ProposalReader.read(example.proposal()));
                String as = example.name();
                assertThat(second.verdict()).as(as).isEqualTo(first.verdict());
                assertThat(second.passed()).as(as).isEqualTo(first.passed());
                assertThat(second.financing()).as(as).isEqualTo(first.financing());
                assertThat(second.findings()).as(as).isEqualTo(first.findings());
            }
            assertThat(pack(FIRST).round().ruleIds()).containsExactly("426-ROUND-BUDGET", "426-ROUND-FULL-SIZE");
            assertThat(pack(SECOND).round().ruleIds()).containsExactly("426-ROUND-BUDGET", "426-ROUND-FULL-SIZE");
        }

        @Test
        @DisplayName("a late proposal after the raise is judged by the second version by its date")
        void a_late_proposal_after_the_raise_gets_the_second_version() {
            Verdict v = ProposalJson.from("426/ineligible-late-after-the-raise.json").evaluate(CALL);
            assertThat(v.version()).isEqualTo(SECOND);
            assertThat(v.verdict()).isEqualTo(Outcome.INELIGIBLE);
            assertThat(findingIds(v)).contains("426-DEADLINE");
        }
    }

    @Test
    @DisplayName("every rule id of the 426 table is in both versions, with the same rules")
    void every_rule_of_the_table_exists_in_both_versions() {
        List<String> table = List.of("426-ACTIONS", "426-BALANCE", "426-BEHAVIOUR", "426-COST-MIN",
                "426-DEADLINE", "426-EXPERIENCE", "426-INNOVATIVE", "426-LEGAL-PERSON", "426-OWN-SHARE", "426-PACT",
                "426-PARTNERSHIP", "426-SUBSIDY-RANGE");
        for (RulePack p : Packs.engine().packs().versions(CALL)) {
            assertThat(p.ruleIds()).as(p.version()).containsExactlyElementsOf(table);
            Map<String, Severity> severities = new java.util.TreeMap<>();
            p.primaryRules().forEach(r -> severities.put(r.id(), r.severity()));
            assertThat(severities).as(p.version()).containsEntry("426-INNOVATIVE", Severity.INFO)
                    .containsEntry("426-COST-MIN", Severity.INFO)
                    .containsEntry("426-SUBSIDY-RANGE", Severity.BLOCKING);
        }
    }
}
