package callcheck.examples;

import callcheck.support.Packs;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CI gate on coverage, for every pack under rules/: each rule id is shown refusing by some example (it finds
 * something) and letting a proposal through by another (it passes). A new rule without such examples fails the
 * build, as does a pack version no example reaches. ExamplesTest checks that every example gives what it expects.
 */
class RuleCoverageTest {

    @TestFactory
    Stream<DynamicTest> everyRuleIsFoundByAnExampleAndPassedByAnother() {
        List<ExampleResult> results = Example.all(Packs.EXAMPLES).stream().map(e -> ExampleResult.run(Packs.engine(), e)).toList();
        Coverage coverage = Coverage.of(Packs.engine().packs(), results);
        assertThat(coverage.rules()).as("rules of the loaded packs").isNotEmpty();
        return coverage.rules().stream().map(c -> DynamicTest.dynamicTest(c.call() + "/" + c.version() + " " + c.rule(), () ->
                assertThat(c.covered()).as("%s in %s/%s: %s (found in %d examples, passed in %d); add an example under examples/%s/",
                        c.rule(), c.call(), c.version(), c.gap(), c.found(), c.passed(), c.call()).isTrue()));
    }
}
