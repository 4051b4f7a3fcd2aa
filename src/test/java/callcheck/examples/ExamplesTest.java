package callcheck.examples;

import callcheck.support.Packs;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every example and round example under examples/ against its pack: a new example file is a new case. */
class ExamplesTest {

    @TestFactory
    Stream<DynamicTest> everyExampleGivesItsExpectedVerdict() {
        return Example.all(Packs.EXAMPLES).stream().map(example -> DynamicTest.dynamicTest(
                example.call() + "/" + example.name(), example.file().toUri(), () -> {
                    ExampleResult r = ExampleResult.run(Packs.engine(), example);
                    assertThat(r.passed()).as(r.difference()).isTrue();
                }));
    }

    @TestFactory
    Stream<DynamicTest> everyRoundExampleGivesItsExpectedFindingsAndSelection() {
        return RoundExample.all(Packs.EXAMPLES).stream().map(example -> DynamicTest.dynamicTest(
                example.call() + "/rounds/" + example.name(), example.file().toUri(), () -> {
                    RoundExampleResult r = RoundExampleResult.run(Packs.engine().packs(), example);
                    assertThat(r.passed()).as(r.difference()).isTrue();
                }));
    }
}
