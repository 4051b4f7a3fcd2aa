package callcheck.rules;

import callcheck.engine.Finding;
import callcheck.engine.Severity;
import callcheck.engine.RoundResult;
import callcheck.support.ProposalJson;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static callcheck.support.RoundJson.findingIds;
import static callcheck.support.RoundJson.round;
import static callcheck.support.RoundJson.single;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The call-level rules (round*.drl), rule by rule, at the boundaries the calls draw. Each test pins the version it
 * tests.
 */
class RoundRulesTest {

    @Nested
    @DisplayName("call 507, version 2020-07-14")
    class Call507 {
        static final String VERSION = "2020-07-14";

        /** Tielt with Pittem: 20,000 AMIF + 20,000 VVSG, a small municipality. */
        ProposalJson small() {
            return ProposalJson.from("507/eligible-tielt-pittem.json");
        }

        /** Mechelen, a centrumstad: 20,000 AMIF + 20,000 VVSG, not small. */
        ProposalJson large() {
            return ProposalJson.from("507/centrumstad-alone.json");
        }

        RoundResult check(callcheck.support.RoundJson r) {
            return r.check("507", VERSION);
        }

        @Test
        @DisplayName("507-ROUND-BUDGET, -AMIF, -VVSG, -COUNT, -SMALL: 20 small proeftuinen asking exactly 800,000.00 pass every rule")
        void r507_ROUND_BUDGET_exactly_the_budget_passes() {
            RoundResult r = check(round().addSelected("p", 20, small()));
            assertThat(r.totals().subsidy()).isEqualByComparingTo("800000");
            assertThat(r.totals().amif()).isEqualByComparingTo("400000");
            assertThat(r.findings()).isEmpty();
        }

        @Test
        @DisplayName("507-ROUND-BUDGET and 507-ROUND-AMIF: 800,000.01 in all, 400,000.01 AMIF, is one cent too much")
        void r507_ROUND_BUDGET_one_cent_over() {
            RoundResult r = check(round().addSelected("p", 20, small())
                    .add("cent", small().set("financing.amif", new BigDecimal("0.01")).set("financing.vvsg", BigDecimal.ZERO)).select("cent"));
            assertThat(findingIds(r)).containsExactly("507-ROUND-AMIF", "507-ROUND-BUDGET");
            Finding f = single(r, "507-ROUND-BUDGET");
            assertThat(f.severity()).isEqualTo(Severity.BLOCKING);
            assertThat(f.values()).containsEntry("subsidy", new BigDecimal("800000.01")).containsEntry("limit", new BigDecimal("800000"));
            assertThat(f.message().en()).contains("€800,000.01").contains("€800,000.");
            assertThat(f.message().nl()).contains("€ 800.000,01").contains("€ 800.000.");
            assertThat(single(r, "507-ROUND-AMIF").values()).containsEntry("amif", new BigDecimal("400000.01"));
        }

        @Test
        @DisplayName("507-ROUND-VVSG: 400,000.01 of VVSG cofinancing is one cent too much")
        void r507_ROUND_VVSG_one_cent_over() {
            RoundResult r = check(round().addSelected("p", 20, small())
                    .add("cent", small().set("financing.vvsg", new BigDecimal("0.01")).set("financing.amif", BigDecimal.ZERO)).select("cent"));
            assertThat(findingIds(r)).containsExactly("507-ROUND-BUDGET", "507-ROUND-VVSG");
            assertThat(single(r, "507-ROUND-VVSG").values()).containsEntry("vvsg", new BigDecimal("400000.01"))
                    .containsEntry("limit", new BigDecimal("400000"));
        }

        @Test
        @DisplayName("507-ROUND-COUNT: 19 proeftuinen are a WARNING (the call aims for 20), 20 pass")
        void r507_ROUND_COUNT_19_warns_20_passes() {
            RoundResult r19 = check(round().addSelected("p", 19, small()));
            assertThat(findingIds(r19)).containsExactly("507-ROUND-COUNT");
            Finding f = single(r19, "507-ROUND-COUNT");
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.values()).containsEntry("count", 19).containsEntry("least", new BigDecimal("20"));
            assertThat(findingIds(check(round().addSelected("p", 20, small())))).doesNotContain("507-ROUND-COUNT");
        }

        @Test
        @DisplayName("507-ROUND-SMALL: 9 small of 20 warn (the call aims for 10), 10 pass; the finding carries the smallness assumption")
        void r507_ROUND_SMALL_9_warns_10_passes() {
            RoundResult r9 = check(round().addSelected("s", 9, small()).addSelected("l", 11, large()));
            assertThat(findingIds(r9)).containsExactly("507-ROUND-SMALL");
            Finding f = single(r9, "507-ROUND-SMALL");
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.values()).containsEntry("small", 9).containsEntry("least", new BigDecimal("10"));
            assertThat(f.assumption()).contains("centrumsteden").contains("first member");
            RoundResult r10 = check(round().addSelected("s", 10, small()).addSelected("l", 10, large()));
            assertThat(r10.findings()).isEmpty();
            assertThat(r10.totals().small()).isEqualTo(10);
        }

        @Test
        @DisplayName("507-ROUND-SMALL: a cooperation counts as small when its first member is")
        void r507_ROUND_SMALL_cooperation_by_its_first_member() {
            ProposalJson coop = ProposalJson.from("507/cooperation-leads.json");
            RoundResult r = check(round().add("c", coop).select("c"));
            assertThat(r.version()).isEqualTo(VERSION);
            assertThat(r.proposals().get(0).small()).isTrue();
        }
    }

    @Nested
    @DisplayName("call 426")
    class Call426 {
        ProposalJson fullSize() {
            return ProposalJson.from("426/eligible-subsidy-250000-experience-of-a-partner.json");
        }

        @Test
        @DisplayName("426-ROUND-BUDGET, version 2017-12-22: 4 projects of 250,000 fill 1,000,000 exactly and pass; a fifth breaks it")
        void r426_ROUND_BUDGET_first_version() {
            RoundResult four = round().addSelected("p", 4, fullSize()).check("426", "2017-12-22");
            assertThat(findingIds(four)).containsExactly("426-ROUND-FULL-SIZE");
            RoundResult five = round().addSelected("p", 5, fullSize()).check("426", "2017-12-22");
            Finding f = single(five, "426-ROUND-BUDGET");
            assertThat(f.severity()).isEqualTo(Severity.BLOCKING);
            assertThat(f.values()).containsEntry("subsidy", new BigDecimal("1250000")).containsEntry("limit", new BigDecimal("1000000"));
            assertThat(f.assumption()).isNull();
        }

        @Test
        @DisplayName("426-ROUND-BUDGET, version 2018-06-27: 6 projects of 250,000 pass, 7 do not, and the finding says the version's date is assumed")
        void r426_ROUND_BUDGET_second_version() {
            RoundResult six = round().addSelected("p", 6, fullSize()).check("426", "2018-06-27");
            assertThat(findingIds(six)).doesNotContain("426-ROUND-BUDGET");
            Finding f = single(round().addSelected("p", 7, fullSize()).check("426", "2018-06-27"), "426-ROUND-BUDGET");
            assertThat(f.values()).containsEntry("limit", new BigDecimal("1600000"));
            assertThat(f.assumption()).contains("27 June 2018");
        }

        @Test
        @DisplayName("426-ROUND-FULL-SIZE: an INFO that counts the projects at 250,000 and the most the budget funds (4, then 6)")
        void r426_ROUND_FULL_SIZE_by_version() {
            ProposalJson smaller = ProposalJson.from("426/eligible-subsidy-100000.json");
            Finding first = single(round().addSelected("p", 2, fullSize()).add("s", smaller).select("s").check("426", "2017-12-22"), "426-ROUND-FULL-SIZE");
            assertThat(first.severity()).isEqualTo(Severity.INFO);
            assertThat(first.values()).containsEntry("fullSize", 2L).containsEntry("fullSizeMax", 4);
            Finding second = single(round().addSelected("p", 1, fullSize()).check("426", "2018-06-27"), "426-ROUND-FULL-SIZE");
            assertThat(second.values()).containsEntry("fullSize", 1L).containsEntry("fullSizeMax", 6);
        }
    }

    @Nested
    @DisplayName("call 41, version 2022-12-22")
    class Call41 {
        @Test
        @DisplayName("41-ROUND-ONE-PER-REGION: two leaders in one region are refused, naming the region and both ids; leaders of two regions pass")
        void r41_ROUND_ONE_PER_REGION() {
            ProposalJson gent = ProposalJson.from("41/eligible-regio-gent.json");
            ProposalJson brussels = ProposalJson.from("41/eligible-vgc-brussels.json");
            RoundResult two = round().add("a", gent).add("b", gent).add("c", brussels).select("a", "b", "c").check("41", "2022-12-22");
            Finding f = single(two, "41-ROUND-ONE-PER-REGION");
            assertThat(f.severity()).isEqualTo(Severity.BLOCKING);
            assertThat(f.values()).containsEntry("count", 2).containsEntry("ids", "a, b");
            assertThat(round().add("a", gent).add("c", brussels).select("a", "c").check("41", "2022-12-22").findings()).isEmpty();
        }
    }
}
