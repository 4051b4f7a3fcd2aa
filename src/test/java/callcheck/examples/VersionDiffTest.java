package callcheck.examples;

import callcheck.evaluation.PackEngine;

import callcheck.evaluation.LoadReport;
import callcheck.engine.Outcome;
import callcheck.engine.UnknownCallException;
import callcheck.pack.PackLoader;
import callcheck.support.PackVersions;
import callcheck.support.Packs;
import callcheck.support.RulesCopy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VersionDiffTest {
    private static final String V1 = "2020-07-14";
    /** The copy's version: a name no analyst gives, set by {@link #twoVersions}. */
    private String v2;

    @TempDir
    Path tmp;

    @Test
    void a_version_that_only_changes_its_name_changes_no_example() {
        PackEngine engine = twoVersions(null);
        VersionDiff diff = VersionDiff.of(engine, examples(), "507", V1, v2);
        assertThat(diff.compared()).isEqualTo(examples().stream().filter(e -> e.call().equals("507")).count()).isPositive();
        assertThat(diff.changes()).isEmpty();
    }

    @Test
    void a_lower_subsidy_maximum_changes_the_examples_that_ask_more() {
        VersionDiff diff = VersionDiff.of(twoVersions("30000"), examples(), "507", V1, v2);
        // Asks 40,000, was eligible: now refused by the maximum, and nothing else changes but the plan.
        assertThat(change(diff, "eligible-tielt-pittem")).satisfies(c -> {
            assertThat(c.verdictChanged()).isTrue();
            assertThat(c.before().verdict().verdict()).isEqualTo(Outcome.ELIGIBLE);
            assertThat(c.after().verdict().verdict()).isEqualTo(Outcome.INELIGIBLE);
            assertThat(c.changedRules()).containsExactly("507-SUBSIDY-MAX");
            assertThat(VersionDiff.Change.findingsOf(c.after(), "507-SUBSIDY-MAX")).singleElement()
                    .satisfies(f -> assertThat(f.message().en()).contains("€30,000"));
            assertThat(c.financingChanged()).isTrue();
            assertThat(c.before().verdict().version()).isEqualTo(V1);
            assertThat(c.after().verdict().version()).isEqualTo(v2);
        });
        // Already over 40,000: still refused, but the finding now names the new limit.
        assertThat(change(diff, "subsidy-over-max")).satisfies(c -> {
            assertThat(c.verdictChanged()).isFalse();
            assertThat(c.changedRules()).containsExactly("507-SUBSIDY-MAX");
        });
        // Asks exactly 30,000 of 60,000: neither the verdict nor the plan moves.
        assertThat(diff.changes()).extracting(c -> c.example().name()).doesNotContain("amif-share-over");
        // Its financing is missing: still INCOMPLETE, but the MISSING message quotes the title, which names the new maximum.
        assertThat(change(diff, "financing-missing")).satisfies(c -> {
            assertThat(c.verdictChanged()).isFalse();
            assertThat(VersionDiff.Change.findingsOf(c.after(), "507-SUBSIDY-MAX")).singleElement()
                    .satisfies(f -> assertThat(f.message().en()).contains("at most €30,000"));
        });
    }

    @Test
    void a_larger_budget_changes_the_round_examples_over_the_first_one_only() {
        // Test pack 997: its second version raises the budget, a call-level parameter, from 100 to 150; no proposal changes.
        Path rules = tmp.resolve("rules");
        RulesCopy.copyTree(Path.of("src/test/resources/packs/rounds/997"), rules.resolve("997"));
        RulesCopy.copyTree(Path.of("src/test/resources/library/rules/reference"), rules.resolve("reference"));
        PackEngine engine = PackEngine.load(rules);
        Path examples = Path.of("src/test/resources/packs/rounds-examples");
        List<RoundExample> rounds = RoundExample.all(examples);
        assertThat(rounds).allSatisfy(r -> assertThat(RoundExampleResult.run(engine.packs(), r).difference()).isEmpty());

        VersionDiff diff = VersionDiff.of(engine, Example.all(examples), rounds, "997", "2020-01-01", "2021-01-01");
        assertThat(diff.compared()).isEqualTo(2);
        assertThat(diff.changes()).isEmpty();
        assertThat(diff.comparedRounds()).isEqualTo(2);
        // 140 selected: over 100, within 150; the 90 of the other round is within both
        assertThat(diff.roundChanges()).singleElement().satisfies(c -> {
            assertThat(c.example().name()).isEqualTo("over-the-first-budget");
            assertThat(c.verdictChanged()).isTrue();
            assertThat(c.before().verdict().verdict()).isEqualTo(Outcome.INELIGIBLE);
            assertThat(c.after().verdict().verdict()).isEqualTo(Outcome.ELIGIBLE);
            assertThat(c.changedRules()).containsExactly("997-ROUND-BUDGET");
            assertThat(c.selectionChanged()).isTrue();
            assertThat(c.before().proposedIds()).containsExactly("a", "c");
            assertThat(c.after().proposedIds()).containsExactly("a", "b", "c");
            assertThat(c.changedProposals()).isEmpty();
            assertThat(c.after().result().version()).isEqualTo("2021-01-01"); // the example pins 2020-01-01: the diff overrides it
        });
    }

    @Test
    void both_versions_must_be_loaded() {
        assertThatThrownBy(() -> VersionDiff.of(Packs.engine(), examples(), "507", V1, "1999-01-01"))
                .isInstanceOf(UnknownCallException.class).hasMessageContaining("1999-01-01");
    }

    /** The project's 507 packs and a copy of version 2020-07-14 under a new name, with subsidyMax changed when given. */
    private PackEngine twoVersions(String subsidyMax) {
        RulesCopy copy = RulesCopy.into(tmp.resolve("rules"), "507");
        v2 = PackVersions.copyToFresh(copy.root(), "507", V1, "2999-01-01");
        if (subsidyMax != null) copy.edit("507/" + v2 + "/pack.yaml", "    value: 40000\n", "    value: " + subsidyMax + "\n");
        LoadReport report = LoadReport.load(copy.root(), new PackLoader());
        assertThat(report.failures()).isEmpty();
        return new PackEngine(report.packs());
    }

    private static List<Example> examples() {
        return Example.all(Packs.EXAMPLES);
    }

    private static VersionDiff.Change change(VersionDiff diff, String example) {
        return diff.changes().stream().filter(c -> c.example().name().equals(example)).findFirst()
                .orElseThrow(() -> new AssertionError(example + " did not change"));
    }
}
