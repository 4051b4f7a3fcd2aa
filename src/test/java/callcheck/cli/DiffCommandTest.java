package callcheck.cli;

import callcheck.support.PackVersions;
import callcheck.support.Packs;
import callcheck.support.RulesCopy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DiffCommandTest {

    @TempDir
    Path tmp;

    @Test
    void prints_the_examples_that_change_side_by_side_then_finding_by_finding() {
        RulesCopy copy = RulesCopy.into(tmp, "507");
        String v2 = PackVersions.copyToFresh(copy.root(), "507", "2020-07-14", "2999-01-01");
        copy.edit("507/" + v2 + "/pack.yaml", "    value: 40000\n", "    value: 30000\n");
        CliRun run = diff(copy, v2);
        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(run.outLines().get(0)).matches("call 507: \\d+ of \\d+ examples( and \\d+ of \\d+ round examples)? change from 2020-07-14 to " + v2);
        assertThat(run.outLines()).anySatisfy(l -> assertThat(l).matches("EXAMPLE +2020-07-14 +" + v2))
                .anySatisfy(l -> assertThat(l).matches("eligible-tielt-pittem +ELIGIBLE +INELIGIBLE 507-SUBSIDY-MAX"))
                .contains("eligible-tielt-pittem: ELIGIBLE -> INELIGIBLE")
                .anySatisfy(l -> assertThat(l).startsWith("  + 507-SUBSIDY-MAX BLOCKING: ").contains("€30,000"))
                .anySatisfy(l -> assertThat(l).startsWith("  - financing maxSubsidy 40000"))
                .noneSatisfy(l -> assertThat(l).startsWith("amif-share-over"));
    }

    @Test
    void the_parameters_and_rules_that_change_and_a_summary_line_per_verdict_that_changes() {
        RulesCopy copy = RulesCopy.into(tmp, "507");
        String v2 = PackVersions.copyToFresh(copy.root(), "507", "2020-07-14", "2999-01-01");
        copy.edit("507/" + v2 + "/pack.yaml", "    value: 40000\n", "    value: 30000\n");
        CliRun run = CliRun.of("diff", "--summary", "--call", "507", "--from", "2020-07-14", "--to", v2, "--rules", copy.root().toString(),
                "--examples", Packs.EXAMPLES.toString());
        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(run.outLines()).contains("parameters:", "  ~ subsidyMax 40000 -> 30000 (" + copy.load("507", v2).parameters().get("subsidyMax").source().document() + ", Budget)", "rules:",
                "  ~ 507-SUBSIDY-MAX: title changed",
                "      title \"The subsidy asked is at most €40,000\" -> \"The subsidy asked is at most €30,000\"",
                "  eligible-tielt-pittem: ELIGIBLE -> INELIGIBLE 507-SUBSIDY-MAX");
        // One line per example whose verdict changes: not the table, not the findings one by one.
        assertThat(run.outLines()).noneSatisfy(l -> assertThat(l).startsWith("EXAMPLE")).noneSatisfy(l -> assertThat(l).startsWith("  + "))
                .noneSatisfy(l -> assertThat(l).startsWith("  subsidy-over-max:"));
    }

    @Test
    void nothing_changes_exit_0_and_an_unknown_version_exit_2() {
        RulesCopy copy = RulesCopy.into(tmp, "507");
        String v2 = PackVersions.copyToFresh(copy.root(), "507", "2020-07-14", "2999-01-01");
        CliRun same = diff(copy, v2);
        assertThat(same.exit()).isZero();
        assertThat(same.outLines()).singleElement().asString().matches("call 507: 0 of \\d+ examples( and 0 of \\d+ round examples)? change from 2020-07-14 to " + v2);

        CliRun unknown = diff(copy, "2030-01-01");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("2030-01-01");
    }

    @Test
    void a_call_level_parameter_changes_the_round_examples_over_its_old_value() {
        // Test pack 997: its second version raises only the budget of a round, from 100 to 150.
        RulesCopy.copyTree(Path.of("src/test/resources/packs/rounds/997"), tmp.resolve("997"));
        RulesCopy.copyTree(Path.of("src/test/resources/library/rules/reference"), tmp.resolve("reference"));
        CliRun run = CliRun.of("diff", "--call", "997", "--from", "2020-01-01", "--to", "2021-01-01", "--rules", tmp.toString(),
                "--examples", "src/test/resources/packs/rounds-examples");
        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(run.outLines()).contains("call 997: 0 of 2 examples and 1 of 2 round examples change from 2020-01-01 to 2021-01-01",
                "rounds/over-the-first-budget: INELIGIBLE 997-ROUND-BUDGET -> ELIGIBLE", "  - 997-ROUND-BUDGET BLOCKING: Together 140, budget 100.",
                "  - proposed [a, c]", "  + proposed [a, b, c]");
        assertThat(run.outLines()).noneSatisfy(l -> assertThat(l).startsWith("rounds/within-both-budgets"));
    }

    private static CliRun diff(RulesCopy copy, String to) {
        return CliRun.of("diff", "--call", "507", "--from", "2020-07-14", "--to", to, "--rules", copy.root().toString(),
                "--examples", Packs.EXAMPLES.toString());
    }
}
