package callcheck.examples;

import callcheck.pack.RulePack;
import callcheck.support.Packs;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CI gate on coverage, for every pack under rules/: each rule id of a call is shown finding something by some
 * example and passing by another (unless all it ever says is INFO), and every pack version is reached by an
 * example. A new rule or version without such examples fails the build. ExamplesTest checks that every example
 * gives what it expects.
 */
class RuleCoverageTest {

    @TestFactory
    Stream<DynamicTest> everyRuleIsFoundByAnExampleAndPassedByAnother() {
        Coverage coverage = coverage();
        assertThat(coverage.rules()).as("rules of the loaded packs").isNotEmpty();
        return coverage.rules().stream().map(c -> DynamicTest.dynamicTest(c.call() + " " + c.rule(), () ->
                assertThat(c.covered()).as("%s of call %s (versions %s): %s (found in %d examples, passed in %d); add an example under examples/%s/",
                        c.rule(), c.call(), c.versions(), c.gap(), c.found(), c.passed(), c.call()).isTrue()));
    }

    @TestFactory
    Stream<DynamicTest> everyPackVersionDecidesAnExample() {
        List<String> unreached = coverage().unreached();
        return Packs.engine().packs().all().stream().map(RulePack::folder).map(f -> f.getParent().getFileName() + "/" + f.getFileName())
                .map(version -> DynamicTest.dynamicTest(version, () -> assertThat(unreached).as(
                        "no example is decided by %s: add one submitted in its dates, or pinned with \"version\"", version)
                        .doesNotContain(version)));
    }

    private static Coverage coverage() {
        List<ExampleResult> results = Example.all(Packs.EXAMPLES).stream().map(e -> ExampleResult.run(Packs.engine(), e)).toList();
        List<RoundExampleResult> rounds = RoundExample.all(Packs.EXAMPLES).stream().map(e -> RoundExampleResult.run(Packs.engine().packs(), e)).toList();
        return Coverage.of(Packs.engine().packs(), results, rounds);
    }
}
