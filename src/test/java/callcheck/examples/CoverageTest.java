package callcheck.examples;

import callcheck.engine.RuleCoverage;
import callcheck.evaluation.PackEngine;

import callcheck.evaluation.PackSet;
import callcheck.pack.PackLoader;
import callcheck.pack.RulePack;
import callcheck.support.PackVersions;
import callcheck.support.Packs;
import callcheck.support.RulesCopy;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CoverageTest {
    private static final String RULE = """
            rule "%s"
                @id("%s") @severity("%s") @title("t") @titleNl("t") @nl("n") @en("e") @document("call-page") @section("s")
            when
                $e : Evaluation()
                Proposal(%s)
            then
                $e.report(drools);
            end

            """;

    @TempDir
    Path tmp;

    @Test
    void counts_per_call_and_rule_what_the_expectation_files_say() {
        List<ExampleResult> results = run(Packs.engine());
        Coverage coverage = Coverage.of(Packs.engine().packs(), results, List.of());
        for (String call : Packs.engine().packs().calls()) {
            // Counted from the expectation files, apart from the code under test.
            List<Expectation> decided = results.stream().filter(r -> r.example().call().equals(call)).map(r -> r.example().expected()).toList();
            for (RuleCoverage c : coverage.of(call)) {
                // the examples decided by the versions of the rule's row (a rule whose parameter changes has a row from there)
                // that hold it as a proposal rule (a call-level rule's row counts rounds, the next test)
                List<String> versions = versionsHaving(call, c.rule()).stream().filter(c.versions()::contains).toList();
                List<Expectation> withRule = decided.stream().filter(x -> versions.contains(versionOf(results, x))).toList();
                long found = withRule.stream().filter(x -> x.findings().contains(c.rule())).count();
                assertThat(c.found()).as(c.rule()).isEqualTo(found);
                assertThat(c.passed()).as(c.rule()).isEqualTo(withRule.size() - found);
            }
        }
        assertThat(coverage.rules()).extracting(RuleCoverage::rule)
                .containsAll(Packs.engine().packs().all().stream().flatMap(p -> p.ruleIds().stream()).toList());
    }

    @Test
    void counts_the_call_level_rules_from_the_round_examples_as_their_expectation_files_say() {
        List<RoundExampleResult> rounds = RoundExample.all(Packs.EXAMPLES).stream().map(e -> RoundExampleResult.run(Packs.engine().packs(), e)).toList();
        Coverage coverage = Coverage.of(Packs.engine().packs(), List.of(), rounds);
        int checked = 0;
        for (RulePack pack : Packs.engine().packs().all()) {
            if (pack.round() == null) continue;
            for (String rule : pack.round().ruleIds()) {
                // Counted from the expectation files: the rounds decided by the versions of the rule's row (a rule whose
                // parameter changes in a version has a row of its own from there).
                for (RuleCoverage c : coverage.of(pack.call()).stream().filter(r -> r.rule().equals(rule) && r.versions().contains(pack.version())).toList()) {
                    List<RoundExample.Expected> decided = rounds.stream().filter(r -> r.example().call().equals(pack.call())
                            && c.versions().contains(r.result().version())).map(r -> r.example().expected()).toList();
                    long found = decided.stream().filter(x -> x.findings().contains(rule)).count();
                    assertThat(c.found()).as(rule + " " + c.versions()).isEqualTo(found);
                    assertThat(c.passed()).as(rule + " " + c.versions()).isEqualTo(decided.size() - found);
                }
                checked++;
            }
        }
        assertThat(checked).isPositive();
    }

    @Test
    void a_rule_that_never_fires_or_refuses_every_example_is_uncovered_but_one_that_notes_everything_is_not() {
        RulesCopy copy = RulesCopy.into(tmp).edit("507/2020-07-14/content.drl", "// At least one trajectory of social networking",
                RULE.formatted("507-NEVER", "507-NEVER", "BLOCKING", "title == \"a title no example has\"")
                        + RULE.formatted("507-ALWAYS", "507-ALWAYS", "BLOCKING", "")
                        + RULE.formatted("507-NOTE", "507-NOTE", "INFO", "")
                        + RULE.formatted("507-ADVICE", "507-ADVICE", "WARNING", "")
                        + "// At least one trajectory of social networking");
        PackSet packs = new PackSet(List.of(copy.load("507", "2020-07-14")), PackLoader.reference(copy.root()));
        List<ExampleResult> results = run(new PackEngine(packs)).stream().filter(r -> r.example().call().equals("507")).toList();
        Coverage coverage = Coverage.of(packs, results, rounds(packs, "507"));
        int n = results.size();
        assertThat(coverage.uncovered()).extracting(RuleCoverage::rule, RuleCoverage::found,
                        RuleCoverage::passed, RuleCoverage::refused, RuleCoverage::gap)
                .containsExactlyInAnyOrder(
                        Tuple.tuple("507-NEVER", 0, n, 0, "no example makes it find anything"),
                        Tuple.tuple("507-ALWAYS", n, 0, n, "no example gets past it"));
        assertThat(coverage.rules()).filteredOn(c -> c.rule().equals("507-NOTE") || c.rule().equals("507-ADVICE")).hasSize(2)
                .allSatisfy(c -> {
                    assertThat(c.found()).isEqualTo(n);
                    assertThat(c.refused()).isZero();
                    assertThat(c.covered()).isTrue();
                });
        // A rule refuses an example with a MISSING finding too: 507-SUBSIDY-MAX when the financing is absent.
        assertThat(coverage.rules()).filteredOn(c -> c.rule().equals("507-SUBSIDY-MAX")).singleElement()
                .satisfies(c -> assertThat(c.refused()).isEqualTo(c.found()).isPositive());
    }

    @Test
    void a_rule_counts_over_the_versions_of_its_call_and_a_version_no_example_reaches_is_listed() {
        RulesCopy copy = RulesCopy.into(tmp, "507");
        // A later version no example is submitted in: its rules are those of the first, covered there.
        String later = PackVersions.copyToFresh(copy.root(), "507", "2020-07-14", "2999-01-01");
        PackSet packs = new PackSet(List.of(copy.load("507", "2020-07-14"), copy.load("507", later)), PackLoader.reference(copy.root()));
        Coverage coverage = Coverage.of(packs, run(new PackEngine(packs)).stream().filter(r -> r.example().call().equals("507")).toList(),
                rounds(packs, "507"));
        assertThat(coverage.uncovered()).isEmpty();
        assertThat(coverage.unreached()).containsExactly("507/" + later);
        assertThat(coverage.complete()).isFalse();
        assertThat(coverage.of("507")).allSatisfy(c -> assertThat(c.versions()).containsExactly("2020-07-14", later));
    }

    /** The round examples of a call, checked on the packs: they cover its call-level rules. */
    private static List<RoundExampleResult> rounds(PackSet packs, String call) {
        return RoundExample.all(Packs.EXAMPLES).stream().filter(e -> e.call().equals(call)).map(e -> RoundExampleResult.run(packs, e)).toList();
    }

    private static List<ExampleResult> run(PackEngine engine) {
        return Example.all(Packs.EXAMPLES).stream().map(e -> ExampleResult.run(engine, e)).toList();
    }

    private static List<String> versionsHaving(String call, String rule) {
        return Packs.engine().packs().versions(call).stream().filter(p -> p.ruleIds().contains(rule)).map(RulePack::version).toList();
    }

    private static String versionOf(List<ExampleResult> results, Expectation x) {
        return results.stream().filter(r -> r.example().expected() == x).findFirst().orElseThrow().verdict().version();
    }
}
