package callcheck.rules;

import callcheck.engine.Finding;
import callcheck.engine.Outcome;
import callcheck.engine.Verdict;
import callcheck.engine.Severity;
import callcheck.support.ProposalJson;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static callcheck.support.ProposalJson.findingIds;
import static callcheck.support.ProposalJson.findingsOf;
import static org.assertj.core.api.Assertions.assertThat;

/** Call 41, network leaders: each rule passing and failing, from the eligible Regio Gent example. */
class Call41RulesTest {
    static final String CALL = "41";

    static ProposalJson eligible() {
        return ProposalJson.from("41/eligible-regio-gent.json");
    }

    static Finding only(Verdict v, String rule) {
        List<Finding> f = findingsOf(v, rule);
        assertThat(f).as("findings of %s in %s", rule, v.findings()).hasSize(1);
        return f.get(0);
    }

    @Test
    @DisplayName("the eligible example passes every rule of the pack, the programme's included")
    void eligibleExamplePassesEverything() {
        Verdict v = eligible().evaluate(CALL);
        assertThat(v.verdict()).isEqualTo(Outcome.ELIGIBLE);
        assertThat(v.findings()).isEmpty();
        assertThat(v.passed()).containsExactly("41-IN-REGION", "41-LEADER", "41-NETWORK", "41-REGION", "41-TASKS",
                "AMIF27-EU-SHARE", "AMIF27-NOT-DONE", "AMIF27-PERIOD");
        assertThat(v.version()).isEqualTo("2022-12-22");
    }

    @Nested
    @DisplayName("41-REGION: the proposal names one of the 18 regions")
    class RegionNamed {
        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"BRUSSELS", "ANTWERPEN", "GENT", "REFREG01", "REFREG15"})
        @DisplayName("41-REGION passes for a named region")
        void r41_REGION_passes_when_named(String region) {
            Verdict v = eligible().set("region", region).evaluate(CALL);
            assertThat(findingIds(v)).doesNotContain("41-REGION");
            assertThat(v.passed()).contains("41-REGION");
        }

        @Test
        @DisplayName("41-REGION: a null or absent region is MISSING and the verdict INCOMPLETE")
        void r41_REGION_missing_when_null_or_absent() {
            for (ProposalJson p : List.of(eligible().set("region", null), eligible().remove("region"))) {
                Verdict v = p.evaluate(CALL);
                Finding f = only(v, "41-REGION");
                assertThat(f.severity()).isEqualTo(Severity.MISSING);
                assertThat(f.message().en()).contains("18", "referentieregio");
                assertThat(v.verdict()).isEqualTo(Outcome.INCOMPLETE);
            }
        }
    }

    @Nested
    @DisplayName("41-LEADER: a local government or a cooperation of local governments leads")
    class Leader {
        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"MUNICIPALITY", "OCMW"})
        @DisplayName("41-LEADER passes for a municipality or OCMW of the region")
        void r41_LEADER_passes_for_a_municipality_or_ocmw(String kind) {
            Verdict v = eligible().json("applicant", "{\"name\": \"Deinze\", \"kind\": \"" + kind + "\", \"nis\": \"44083\"}").evaluate(CALL);
            assertThat(findingIds(v)).isEmpty();
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"NON_PROFIT", "COMPANY", "PUBLIC_BODY", "EDUCATION", "OTHER"})
        @DisplayName("41-LEADER fails for an applicant that is not a local government")
        void r41_LEADER_fails_for_other_kinds(String kind) {
            Verdict v = eligible().json("applicant", "{\"name\": \"Iemand\", \"kind\": \"" + kind + "\"}").evaluate(CALL);
            Finding f = only(v, "41-LEADER");
            assertThat(f.severity()).isEqualTo(Severity.BLOCKING);
            assertThat(f.values()).containsEntry("kind", callcheck.model.OrganisationKind.valueOf(kind));
            assertThat(f.assumption()).isNull();
            assertThat(v.verdict()).isEqualTo(Outcome.INELIGIBLE);
        }

        @Test
        @DisplayName("41-LEADER fails for a co-applicant that is not a local government, saying it rests on an assumption")
        void r41_LEADER_fails_for_a_non_profit_co_applicant() {
            Finding f = only(eligible().json("coApplicants[0]", "{\"name\": \"vzw X\", \"kind\": \"NON_PROFIT\"}").evaluate(CALL), "41-LEADER");
            assertThat(f.severity()).isEqualTo(Severity.BLOCKING);
            assertThat(f.message().en()).startsWith("Co-applicant vzw X");
            assertThat(f.assumption()).contains("co-applicants lead the network together");
        }

        @Test
        @DisplayName("41-LEADER passes for the VGC leading Brussels (an assumption)")
        void r41_LEADER_passes_for_the_vgc_in_brussels() {
            Verdict v = eligible().json("applicant", "{\"name\": \"VGC\", \"kind\": \"VGC\"}").set("coApplicants", List.of())
                    .set("region", "BRUSSELS").evaluate(CALL);
            assertThat(v.verdict()).isEqualTo(Outcome.ELIGIBLE);
            assertThat(v.passed()).contains("41-LEADER", "41-IN-REGION");
        }

        @Test
        @DisplayName("41-LEADER: an applicant without kind is MISSING")
        void r41_LEADER_missing_kind() {
            assertThat(only(eligible().remove("applicant.kind").evaluate(CALL), "41-LEADER").severity()).isEqualTo(Severity.MISSING);
        }
    }

    @Nested
    @DisplayName("41-IN-REGION: every municipality of the applicants lies in the region on the submission date")
    class InRegion {
        @Test
        @DisplayName("41-IN-REGION fails for a co-applicant in another region, naming both regions")
        void r41_IN_REGION_fails_for_a_member_outside() {
            Verdict v = eligible().json("coApplicants[0]", "{\"name\": \"Stad Lokeren\", \"kind\": \"MUNICIPALITY\", \"nis\": \"46014\"}").evaluate(CALL);
            Finding f = only(v, "41-IN-REGION");
            assertThat(f.severity()).isEqualTo(Severity.BLOCKING);
            assertThat(f.message().en()).contains("Stad Lokeren", "46014 (Lokeren) lies in Waasland, not in Regio Gent");
            assertThat(f.assumption()).contains("city of Antwerp and the city of Ghent");
        }

        @Test
        @DisplayName("41-IN-REGION fails for a cooperation with one member outside the region")
        void r41_IN_REGION_fails_for_a_cooperation_member_outside() {
            Finding f = only(eligible().set("applicant.members", List.of("44083", "44084", "37015")).evaluate(CALL), "41-IN-REGION");
            assertThat(f.message().en()).contains("37015 (Tielt) lies in Midwest");
        }

        @Test
        @DisplayName("41-IN-REGION: a pre-merger code passes in 2024 and fails in 2025, naming the merged municipality")
        void r41_IN_REGION_pre_merger_code_by_date() {
            // Lochristi, the co-applicant, merged too: leave it out.
            ProposalJson melle = eligible().set("applicant.members", List.of("44040", "44043")).set("coApplicants", List.of())
                    .set("period.start", "2025-06-01");
            assertThat(findingIds(melle.set("submittedOn", "2024-12-31").evaluate(CALL))).isEmpty();
            Finding f = only(melle.set("submittedOn", "2025-01-01").evaluate(CALL), "41-IN-REGION");
            assertThat(f.severity()).isEqualTo(Severity.BLOCKING);
            assertThat(f.values().get("reason")).asString().contains("44040 (Melle) no longer existed on 1 January 2025", "merged into 44088 (Merelbeke-Melle)");
            // Every value in a message is in the message's language.
            assertThat(f.message().nl()).contains("44040 (Melle) bestond niet meer op 1 januari 2025; de gemeente fusioneerde tot 44088 (Merelbeke-Melle)")
                    .doesNotContain("no longer", "merged", "existed");
            assertThat(f.message().en()).contains("no longer existed").doesNotContain("bestond");
        }

        @Test
        @DisplayName("41-IN-REGION: the merged code fails before 2025 and passes from 2025")
        void r41_IN_REGION_merged_code_by_date() {
            ProposalJson merged = eligible().set("applicant.members", List.of("44083", "44088")).set("coApplicants", List.of())
                    .set("period.start", "2025-06-01");
            assertThat(only(merged.set("submittedOn", "2024-12-31").evaluate(CALL), "41-IN-REGION").message().en()).contains("did not exist yet");
            assertThat(findingIds(merged.set("submittedOn", "2025-01-01").evaluate(CALL))).isEmpty();
        }

        @Test
        @DisplayName("41-IN-REGION: the city of Antwerp leads ANTWERPEN but not Regio Antwerpen (the city-regions assumption)")
        void r41_IN_REGION_city_of_antwerp() {
            ProposalJson antwerp = eligible().json("applicant", "{\"name\": \"Stad Antwerpen\", \"kind\": \"MUNICIPALITY\", \"nis\": \"11002\"}")
                    .set("coApplicants", List.of());
            assertThat(findingIds(antwerp.set("region", "ANTWERPEN").evaluate(CALL))).isEmpty();
            Finding f = only(antwerp.set("region", "REFREG01").evaluate(CALL), "41-IN-REGION");
            assertThat(f.message().en()).contains("lies in Stad Antwerpen, not in Regio Antwerpen");
            assertThat(f.assumption()).contains("Regio Antwerpen (REFREG01)");
        }

        @Test
        @DisplayName("41-IN-REGION: the city of Ghent leads GENT but not Regio Gent")
        void r41_IN_REGION_city_of_ghent() {
            ProposalJson ghent = eligible().json("applicant", "{\"name\": \"Stad Gent\", \"kind\": \"MUNICIPALITY\", \"nis\": \"44021\"}")
                    .set("coApplicants", List.of());
            assertThat(findingIds(ghent.set("region", "GENT").evaluate(CALL))).isEmpty();
            assertThat(only(ghent.set("region", "REFREG13").evaluate(CALL), "41-IN-REGION").severity()).isEqualTo(Severity.BLOCKING);
        }

        @Test
        @DisplayName("41-IN-REGION: Borsbeek belongs to Regio Antwerpen in 2024; its code is refused in 2025, naming Antwerpen")
        void r41_IN_REGION_borsbeek() {
            ProposalJson borsbeek = eligible().json("applicant", "{\"name\": \"Gemeente Borsbeek\", \"kind\": \"MUNICIPALITY\", \"nis\": \"11007\"}")
                    .set("coApplicants", List.of()).set("region", "REFREG01").set("period.start", "2025-06-01");
            assertThat(findingIds(borsbeek.set("submittedOn", "2024-06-01").evaluate(CALL))).isEmpty();
            assertThat(only(borsbeek.set("submittedOn", "2025-06-01").evaluate(CALL), "41-IN-REGION").message().en())
                    .contains("merged into 11002 (Antwerpen)");
        }

        @Test
        @DisplayName("41-IN-REGION fails for the VGC outside Brussels, saying it rests on the VGC assumption")
        void r41_IN_REGION_vgc_outside_brussels() {
            Finding f = only(eligible().json("applicant", "{\"name\": \"VGC\", \"kind\": \"VGC\"}").set("coApplicants", List.of())
                    .set("region", "REFREG04").evaluate(CALL), "41-IN-REGION");
            assertThat(f.severity()).isEqualTo(Severity.BLOCKING);
            assertThat(f.assumption()).contains("VGC");
        }

        @Test
        @DisplayName("41-IN-REGION: a municipality without NIS code, or a cooperation without members, is MISSING")
        void r41_IN_REGION_missing_codes() {
            Finding noNis = only(eligible().remove("coApplicants[0].nis").evaluate(CALL), "41-IN-REGION");
            assertThat(noNis.severity()).isEqualTo(Severity.MISSING);
            assertThat(noNis.values()).containsEntry("missing", "nis");
            Finding noMembers = only(eligible().remove("applicant.members").evaluate(CALL), "41-IN-REGION");
            assertThat(noMembers.severity()).isEqualTo(Severity.MISSING);
            assertThat(noMembers.values()).containsEntry("missing", "members");
        }

        @Test
        @DisplayName("41-IN-REGION: a cooperation that names no members at all fails")
        void r41_IN_REGION_fails_for_empty_cooperation() {
            Finding f = only(eligible().set("applicant.members", List.of()).evaluate(CALL), "41-IN-REGION");
            assertThat(f.severity()).isEqualTo(Severity.BLOCKING);
            assertThat(f.message().en()).contains("names no member municipalities");
        }

        @Test
        @DisplayName("41-IN-REGION: partners are not checked, they may come from elsewhere")
        void r41_IN_REGION_ignores_partners() {
            Verdict v = eligible().add("partners", "{\"name\": \"Stad Lokeren\", \"kind\": \"MUNICIPALITY\", \"nis\": \"46014\"}").evaluate(CALL);
            assertThat(findingIds(v)).isEmpty();
        }
    }

    @Nested
    @DisplayName("41-TASKS: commits to build the network and guide its learning process")
    class Tasks {
        @Test
        @DisplayName("41-TASKS fails without the learning process, naming what is absent")
        void r41_TASKS_fails_without_learning_process() {
            Finding f = only(eligible().set("commitments", List.of("BUILD_NETWORK")).evaluate(CALL), "41-TASKS");
            assertThat(f.severity()).isEqualTo(Severity.BLOCKING);
            assertThat(f.values().get("absent")).asList().map(Object::toString).containsExactly("GUIDE_LEARNING_PROCESS");
        }

        @Test
        @DisplayName("41-TASKS fails with neither commitment, naming both")
        void r41_TASKS_fails_with_neither() {
            Finding f = only(eligible().set("commitments", List.of("LEARNING_NETWORK")).evaluate(CALL), "41-TASKS");
            assertThat(f.values().get("absent")).asList().map(Object::toString).containsExactly("BUILD_NETWORK", "GUIDE_LEARNING_PROCESS");
        }

        @Test
        @DisplayName("41-TASKS passes with both, whatever else is committed")
        void r41_TASKS_passes_with_both() {
            Verdict v = eligible().set("commitments", List.of("INTEGRATION_PACT", "GUIDE_LEARNING_PROCESS", "BUILD_NETWORK")).evaluate(CALL);
            assertThat(v.passed()).contains("41-TASKS");
        }

        @Test
        @DisplayName("41-TASKS: no commitments listed is MISSING")
        void r41_TASKS_missing() {
            assertThat(only(eligible().remove("commitments").evaluate(CALL), "41-TASKS").severity()).isEqualTo(Severity.MISSING);
        }
    }

    @Nested
    @DisplayName("41-NETWORK: the network brings organisations in besides local governments (advice)")
    class Network {
        @Test
        @DisplayName("41-NETWORK warns when no partner is named, and the proposal stays eligible")
        void r41_NETWORK_warns_without_partners() {
            Verdict v = eligible().set("partners", List.of()).evaluate(CALL);
            assertThat(only(v, "41-NETWORK").severity()).isEqualTo(Severity.WARNING);
            assertThat(v.verdict()).isEqualTo(Outcome.ELIGIBLE);
            assertThat(only(eligible().remove("partners").evaluate(CALL), "41-NETWORK").severity()).isEqualTo(Severity.WARNING);
        }

        @Test
        @DisplayName("41-NETWORK warns when the only partners are local governments")
        void r41_NETWORK_warns_with_only_local_governments() {
            Verdict v = eligible().set("partners", List.of()).add("partners", "{\"name\": \"OCMW Deinze\", \"kind\": \"OCMW\", \"nis\": \"44083\"}").evaluate(CALL);
            assertThat(only(v, "41-NETWORK").severity()).isEqualTo(Severity.WARNING);
        }

        @Test
        @DisplayName("41-NETWORK passes once an organisation is named")
        void r41_NETWORK_passes_with_an_organisation() {
            assertThat(eligible().evaluate(CALL).passed()).contains("41-NETWORK");
        }
    }
}
