package callcheck.rules;

import callcheck.engine.Finding;
import callcheck.engine.Outcome;
import callcheck.engine.Verdict;
import callcheck.rules.Parameter;
import callcheck.pack.RulePack;
import callcheck.engine.Severity;
import callcheck.support.Packs;
import callcheck.support.ProposalJson;
import callcheck.support.RulesCopy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

import static callcheck.support.ProposalJson.findingIds;
import static callcheck.support.ProposalJson.findingsOf;
import static org.assertj.core.api.Assertions.assertThat;

/** The actions call ("ACT", version "draft"): each rule passing and failing, from the eligible Kempen example. */
class ActionsCallRulesTest {
    static final String CALL = "ACT";
    /** The findings every proposal with an AMIF amount gets while the call's dates and cap are unknown. */
    static final List<String> UNKNOWN_INFO = List.of("ACT-DEADLINE", "ACT-SUBSIDY-MAX");

    static ProposalJson eligible() {
        return ProposalJson.from("ACT/eligible-kempen-buddy.json");
    }

    static Finding only(Verdict v, String rule) {
        List<Finding> f = findingsOf(v, rule);
        assertThat(f).as("findings of %s in %s", rule, v.findings()).hasSize(1);
        return f.get(0);
    }

    @Test
    @DisplayName("the eligible example passes every rule it can check; the unknown dates and cap give INFO findings only")
    void eligibleExample() {
        Verdict v = eligible().evaluate(CALL);
        assertThat(v.verdict()).isEqualTo(Outcome.ELIGIBLE);
        assertThat(findingIds(v)).containsExactlyElementsOf(UNKNOWN_INFO);
        assertThat(v.findings()).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.INFO));
        assertThat(v.passed()).containsExactly("ACT-ACTIONS", "ACT-NETWORK", "ACT-SHARED", "AMIF27-EU-SHARE", "AMIF27-NOT-DONE", "AMIF27-PERIOD");
        assertThat(v.version()).isEqualTo("draft");
    }

    @Test
    @DisplayName("the call's number, dates, budget and cap are parameters marked unknown, each with a generated assumption")
    void unknownParameters() {
        RulePack pack = Packs.engine().packs().versions(CALL).get(0);
        for (String name : List.of("callNumber", "opensOn", "deadline", "callBudget", "subsidyMax")) {
            Parameter p = pack.parameters().get(name);
            assertThat(p.isUnknown()).as(name).isTrue();
            assertThat(p.assumption()).as(name).contains("do not give", "unknown");
        }
        assertThat(pack.parameters().get("euShareMax").isUnknown()).isFalse();
    }

    @Nested
    @DisplayName("ACT-NETWORK: the applicants act for the network of one of the 18 regions")
    class Network {
        @Test
        @DisplayName("ACT-NETWORK fails for a co-applicant outside the region")
        void act_NETWORK_fails_for_a_member_outside() {
            Finding f = only(eligible().json("coApplicants[0]", "{\"name\": \"Diepenbeek\", \"kind\": \"MUNICIPALITY\", \"nis\": \"71011\"}")
                    .evaluate(CALL), "ACT-NETWORK");
            assertThat(f.severity()).isEqualTo(Severity.BLOCKING);
            assertThat(f.message().en()).contains("71011 (Diepenbeek) lies in Limburg, not in Kempen");
            assertThat(f.assumption()).contains("city of Antwerp");
        }

        @Test
        @DisplayName("ACT-NETWORK: Tielt's pre-merger code passes in 2024 and fails in 2025, naming the new Tielt")
        void act_NETWORK_pre_merger_code_by_date() {
            ProposalJson tielt = eligible().json("applicant", "{\"name\": \"Stad Tielt\", \"kind\": \"MUNICIPALITY\", \"nis\": \"37015\"}")
                    .set("coApplicants", List.of()).set("region", "REFREG10").set("period.start", "2025-06-01");
            assertThat(findingIds(tielt.set("submittedOn", "2024-12-31").evaluate(CALL))).containsExactlyElementsOf(UNKNOWN_INFO);
            Finding f = only(tielt.set("submittedOn", "2025-01-01").evaluate(CALL), "ACT-NETWORK");
            assertThat(f.severity()).isEqualTo(Severity.BLOCKING);
            assertThat(f.message().en()).contains("37015 (Tielt) no longer existed on 1 January 2025; it merged into 37022 (Tielt)");
        }

        @Test
        @DisplayName("ACT-NETWORK passes for a non-profit applicant with the city of Ghent in GENT")
        void act_NETWORK_passes_for_an_organisation_applicant() {
            Verdict v = eligible().json("applicant", "{\"name\": \"vzw Gentse Buddy's\", \"kind\": \"NON_PROFIT\"}")
                    .json("coApplicants[0]", "{\"name\": \"Stad Gent\", \"kind\": \"MUNICIPALITY\", \"nis\": \"44021\"}")
                    .set("region", "GENT").evaluate(CALL);
            assertThat(v.passed()).contains("ACT-NETWORK");
        }

        @Test
        @DisplayName("ACT-NETWORK: the VGC acts for Brussels, not for another region")
        void act_NETWORK_vgc() {
            ProposalJson vgc = eligible().json("applicant", "{\"name\": \"VGC\", \"kind\": \"VGC\"}").set("coApplicants", List.of());
            assertThat(vgc.set("region", "BRUSSELS").evaluate(CALL).passed()).contains("ACT-NETWORK");
            Finding f = only(vgc.set("region", "REFREG03").evaluate(CALL), "ACT-NETWORK");
            assertThat(f.assumption()).contains("VGC");
        }

        @Test
        @DisplayName("ACT-NETWORK: no region, or a municipality without code, is MISSING")
        void act_NETWORK_missing() {
            Verdict noRegion = eligible().set("region", null).evaluate(CALL);
            assertThat(only(noRegion, "ACT-NETWORK").severity()).isEqualTo(Severity.MISSING);
            assertThat(noRegion.verdict()).isEqualTo(Outcome.INCOMPLETE);
            Finding noNis = only(eligible().remove("applicant.nis").evaluate(CALL), "ACT-NETWORK");
            assertThat(noNis.severity()).isEqualTo(Severity.MISSING);
            assertThat(noNis.values()).containsEntry("missing", "nis");
        }
    }

    @Nested
    @DisplayName("ACT-ACTIONS: at least one action opens up offer for participation trajectories")
    class Actions {
        @Test
        @DisplayName("ACT-ACTIONS fails when the actions open up no trajectory offer")
        void act_ACTIONS_fails_without_offer() {
            Finding f = only(eligible().set("trajectories", List.of()).evaluate(CALL), "ACT-ACTIONS");
            assertThat(f.severity()).isEqualTo(Severity.BLOCKING);
            assertThat(f.values()).containsEntry("actions", 1).containsEntry("trajectories", 0);
            assertThat(f.assumption()).contains("trajectories");
        }

        @Test
        @DisplayName("ACT-ACTIONS fails when no action is named")
        void act_ACTIONS_fails_without_actions() {
            assertThat(only(eligible().set("actions", List.of()).evaluate(CALL), "ACT-ACTIONS").severity()).isEqualTo(Severity.BLOCKING);
        }

        @Test
        @DisplayName("ACT-ACTIONS: another form counts only with its justification")
        void act_ACTIONS_other_form() {
            ProposalJson other = eligible().set("trajectories", List.of()).add("trajectories", "{\"form\": \"OTHER\", \"justification\": null}");
            assertThat(only(other.evaluate(CALL), "ACT-ACTIONS").values()).containsEntry("index", 0);
            assertThat(other.set("trajectories[0].justification", "Samen koken met vaste duo's").evaluate(CALL).passed()).contains("ACT-ACTIONS");
        }

        @Test
        @DisplayName("ACT-ACTIONS passes with an introductory placement alone")
        void act_ACTIONS_passes_with_internship() {
            Verdict v = eligible().set("trajectories", List.of()).add("trajectories", "{\"form\": \"INTERNSHIP\"}").evaluate(CALL);
            assertThat(v.passed()).contains("ACT-ACTIONS");
        }

        @Test
        @DisplayName("ACT-ACTIONS: no actions or no trajectories listed is MISSING")
        void act_ACTIONS_missing() {
            assertThat(only(eligible().remove("trajectories").evaluate(CALL), "ACT-ACTIONS").severity()).isEqualTo(Severity.MISSING);
            assertThat(only(eligible().remove("actions").evaluate(CALL), "ACT-ACTIONS").severity()).isEqualTo(Severity.MISSING);
        }
    }

    @Nested
    @DisplayName("ACT-SHARED: more than one member contributes (advice)")
    class Shared {
        @Test
        @DisplayName("ACT-SHARED warns when the applicant stands alone; the proposal stays eligible")
        void act_SHARED_warns_alone() {
            Verdict v = eligible().set("coApplicants", List.of()).set("partners", List.of()).evaluate(CALL);
            Finding f = only(v, "ACT-SHARED");
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.assumption()).contains("takes part");
            assertThat(v.verdict()).isEqualTo(Outcome.ELIGIBLE);
        }

        @Test
        @DisplayName("ACT-SHARED passes with a co-applicant only, or with a partner only")
        void act_SHARED_passes_with_another_member() {
            assertThat(eligible().set("partners", List.of()).evaluate(CALL).passed()).contains("ACT-SHARED");
            assertThat(eligible().set("coApplicants", List.of()).evaluate(CALL).passed()).contains("ACT-SHARED");
        }
    }

    @Nested
    @DisplayName("ACT-DEADLINE and ACT-SUBSIDY-MAX: unknown until the call text is known, then checked")
    class UnknownParameters {
        @Test
        @DisplayName("ACT-DEADLINE and ACT-SUBSIDY-MAX give INFO findings that say the value is unknown")
        void act_unknown_parameters_say_so() {
            Verdict v = eligible().evaluate(CALL);
            Finding deadline = only(v, "ACT-DEADLINE");
            assertThat(deadline.severity()).isEqualTo(Severity.INFO);
            assertThat(deadline.assumption()).contains("the last day proposals can be submitted", "unknown");
            Finding cap = only(v, "ACT-SUBSIDY-MAX");
            assertThat(cap.severity()).isEqualTo(Severity.INFO);
            assertThat(cap.assumption()).contains("highest AMIF contribution", "unknown");
            assertThat(cap.values()).containsEntry("subsidy", new BigDecimal("45000"));
        }
    }

    /** The pack as an analyst completes it: the dates and cap filled in with their source. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @DisplayName("ACT-DEADLINE and ACT-SUBSIDY-MAX once an analyst fills in the values")
    class Completed {
        RulesCopy rules;
        RulePack pack;

        @BeforeAll
        void fillIn(@TempDir Path tmp) {
            String file = "ACT/draft/pack.yaml";
            rules = RulesCopy.into(tmp);
            fill(file, "opensOn", "date", "2023-09-01");
            fill(file, "deadline", "date", "2023-12-15");
            fill(file, "subsidyMax", "amount", "50000");
            pack = rules.load(CALL, "draft");
        }

        /** Replaces the parameter's "value: null, unknown: true" by the value and a source, as the analyst would. */
        private void fill(String file, String name, String type, String value) {
            rules.edit(file, "  " + name + ":\n    type: " + type + "\n    value: null\n    unknown: true\n",
                    "  " + name + ":\n    type: " + type + "\n    value: " + value + "\n    source: {document: actions-call, section: dates and budget}\n");
        }

        Verdict evaluate(ProposalJson p) {
            return rules.evaluate(pack, p);
        }

        @Test
        @DisplayName("within the dates and at the cap, nothing is found and no INFO remains")
        void act_completed_passes() {
            Verdict v = evaluate(eligible().set("submittedOn", "2023-12-15").set("financing.totalCost", new BigDecimal("200000"))
                    .set("financing.amif", new BigDecimal("50000")).set("financing.own", new BigDecimal("150000")));
            assertThat(v.findings()).isEmpty();
            assertThat(v.passed()).contains("ACT-DEADLINE", "ACT-SUBSIDY-MAX");
        }

        @Test
        @DisplayName("ACT-DEADLINE fails the day after the deadline, and the day before the call opens")
        void act_DEADLINE_fails_outside_the_dates() {
            Finding late = only(evaluate(eligible().set("submittedOn", "2023-12-16")), "ACT-DEADLINE");
            assertThat(late.severity()).isEqualTo(Severity.BLOCKING);
            assertThat(late.assumption()).isNull();
            assertThat(late.message().en()).contains("after the deadline of 15 December 2023");
            assertThat(late.message().nl()).contains("na de uiterste indiendatum 15 december 2023");
            Finding early = only(evaluate(eligible().set("submittedOn", "2023-08-31")), "ACT-DEADLINE");
            assertThat(early.severity()).isEqualTo(Severity.BLOCKING);
            assertThat(early.message().en()).contains("before the call opened on 1 September 2023");
        }

        @Test
        @DisplayName("ACT-SUBSIDY-MAX fails one cent above the cap")
        void act_SUBSIDY_MAX_fails_above_the_cap() {
            Finding f = only(evaluate(eligible().set("submittedOn", "2023-10-01").set("financing.totalCost", new BigDecimal("200000"))
                    .set("financing.amif", new BigDecimal("50000.01")).set("financing.own", new BigDecimal("149999.99"))), "ACT-SUBSIDY-MAX");
            assertThat(f.severity()).isEqualTo(Severity.BLOCKING);
            assertThat(f.values()).containsEntry("limit", new BigDecimal("50000"));
        }
    }
}
