package callcheck.examples;

import callcheck.engine.Engine;
import callcheck.engine.PackSet;
import callcheck.pack.PackLoader;
import callcheck.pack.RulePack;
import callcheck.support.Packs;
import callcheck.support.RulesCopy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CoverageTest {

    @Test
    void counts_per_rule_what_the_expectation_files_say() {
        List<ExampleResult> results = Example.all(Packs.EXAMPLES).stream().map(e -> ExampleResult.run(Packs.engine(), e)).toList();
        Coverage coverage = Coverage.of(Packs.engine().packs(), results);
        for (RulePack pack : Packs.engine().packs().all()) {
            // Counted from the expectation files, apart from the code under test: the examples this version decides.
            List<Expectation> decided = results.stream()
                    .filter(r -> r.verdict() != null && r.verdict().call().equals(pack.call()) && r.verdict().version().equals(pack.version()))
                    .map(r -> r.example().expected()).toList();
            assertThat(coverage.of(pack.call(), pack.version())).extracting(Coverage.RuleCoverage::rule).isEqualTo(pack.ruleIds());
            for (Coverage.RuleCoverage c : coverage.of(pack.call(), pack.version())) {
                long found = decided.stream().filter(x -> x.findings().contains(c.rule())).count();
                assertThat(c.found()).as(c.rule()).isEqualTo(found);
                assertThat(c.passed()).as(c.rule()).isEqualTo(decided.size() - found);
            }
        }
    }

    @Test
    void a_rule_that_never_fires_and_one_that_always_fires_are_uncovered(@TempDir Path tmp) {
        RulesCopy copy = RulesCopy.into(tmp).edit("507/2020-07-14/content.drl", "// At least one trajectory of social networking", """
                rule "507-NEVER"
                    @id("507-NEVER") @severity("BLOCKING") @title("t") @nl("n") @en("e") @document("call-page") @section("s")
                when
                    $e : Evaluation()
                    Proposal(title == "a title no example has")
                then
                    $e.report(drools);
                end

                rule "507-ALWAYS"
                    @id("507-ALWAYS") @severity("INFO") @title("t") @nl("n") @en("e") @document("call-page") @section("s")
                when
                    $e : Evaluation()
                    Proposal()
                then
                    $e.report(drools);
                end

                // At least one trajectory of social networking""");
        RulePack pack = copy.load("507", "2020-07-14");
        PackSet packs = new PackSet(List.of(pack), PackLoader.reference(copy.root()));
        Engine engine = new Engine(packs);
        List<ExampleResult> results = Example.all(Packs.EXAMPLES).stream().filter(e -> e.call().equals("507"))
                .map(e -> ExampleResult.run(engine, e)).toList();
        Coverage coverage = Coverage.of(packs, results);
        assertThat(coverage.uncovered()).extracting(Coverage.RuleCoverage::rule, Coverage.RuleCoverage::found,
                        Coverage.RuleCoverage::passed, Coverage.RuleCoverage::gap)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("507-NEVER", 0, results.size(), "no example makes it find anything"),
                        org.assertj.core.groups.Tuple.tuple("507-ALWAYS", results.size(), 0, "no example passes it"));
    }

    @Test
    void a_pack_version_no_example_reaches_leaves_all_its_rules_uncovered() {
        Coverage coverage = Coverage.of(Packs.engine().packs(), List.of());
        assertThat(coverage.uncovered()).hasSameSizeAs(coverage.rules()).isNotEmpty()
                .allSatisfy(c -> assertThat(c.gap()).isEqualTo("no example reaches this pack version"));
    }
}
