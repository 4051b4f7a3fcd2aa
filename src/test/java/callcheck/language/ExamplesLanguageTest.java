package callcheck.language;

import callcheck.engine.CompileError;
import callcheck.engine.Finding;
import callcheck.engine.PackException;
import callcheck.engine.Verdict;
import callcheck.evaluation.PackEngine;
import callcheck.examples.Example;
import callcheck.examples.ExampleResult;
import callcheck.examples.RoundExample;
import callcheck.examples.RoundExampleResult;
import callcheck.pack.PackLoader;
import callcheck.pack.RuleInfo;
import callcheck.pack.RulePack;
import callcheck.model.ProposalReader;
import callcheck.support.Packs;
import callcheck.support.ProposalJson;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The language lint over the analysts' examples, whatever examples/ holds: every message of every finding, in Dutch
 * and in English, is wholly in its language (no code, no true/false, no brackets, no field path, no placeholder, no
 * English in Dutch), and so is every rule's title. A test pack of our own shows the lint fails on each planted fault.
 */
class ExamplesLanguageTest {
    private static final Path LINT_RULES = Path.of("src/test/resources/packs/lint");
    private static final Path LINT_EXAMPLES = Path.of("src/test/resources/packs/lint-examples");

    @TestFactory
    Stream<DynamicTest> everyMessageOfEveryExampleIsInItsLanguage() throws Exception {
        LanguageLint lint = new LanguageLint(Labels.load(Packs.RULES.resolve(PackLoader.REFERENCE_DIR)));
        Stream<DynamicTest> examples = Example.all(Packs.EXAMPLES).stream().map(example -> DynamicTest.dynamicTest(
                example.call() + "/" + example.name(), example.file().toUri(), () -> {
                    ExampleResult r = ExampleResult.run(Packs.engine(), example);
                    assertThat(r.error()).isNull();
                    assertThat(problems(lint, example.call() + "/" + example.name(), r.verdict())).isEmpty();
                }));
        Stream<DynamicTest> rounds = RoundExample.all(Packs.EXAMPLES).stream().map(example -> DynamicTest.dynamicTest(
                example.call() + "/rounds/" + example.name(), example.file().toUri(), () -> {
                    RoundExampleResult r = RoundExampleResult.run(Packs.engine().packs(), example);
                    assertThat(r.error()).isNull();
                    assertThat(problems(lint, example.call() + "/rounds/" + example.name(), r.verdict())).isEmpty();
                }));
        return Stream.concat(examples, rounds);
    }

    @Test
    @DisplayName("every rule's titles are each wholly in their language")
    void everyTitleIsInItsLanguage() throws Exception {
        LanguageLint lint = new LanguageLint(Labels.load(Packs.RULES.resolve(PackLoader.REFERENCE_DIR)));
        List<String> problems = new ArrayList<>();
        for (RulePack pack : Packs.engine().packs().all()) {
            List<RuleInfo> rules = new ArrayList<>(pack.rules());
            if (pack.round() != null) rules.addAll(pack.round().rules());
            for (RuleInfo r : rules) {
                for (Language l : Language.values()) {
                    for (String p : lint.problems(r.title(l), l)) problems.add(pack.call() + "/" + pack.version() + " " + r.name() + " title (" + l + "): " + p);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    @DisplayName("the lint fails on a planted {aantal}, an enum code and an English word in a Dutch message, naming rule and example")
    void theLintFailsOnPlantedFaults() {
        RulePack pack = new PackLoader().load(LINT_RULES, LINT_RULES.resolve("996/2020-01-01"));
        LanguageLint lint = new LanguageLint(Labels.NONE);
        List<String> problems = new ArrayList<>();
        for (Example example : Example.all(LINT_EXAMPLES)) {
            Verdict v = PackEngine.evaluate(pack, Packs.engine().packs().reference(), ProposalReader.read(example.proposal()));
            problems.addAll(problems(lint, example.call() + "/" + example.name(), v));
        }
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("996/planted 996-CODE (NL): code NON_PROFIT"))
                .anySatisfy(p -> assertThat(p).startsWith("996/planted 996-ENGLISH (NL): English word 'not'"))
                .anySatisfy(p -> assertThat(p).startsWith("996/planted 996-PLACEHOLDER (NL): placeholder '{aantal}'"));
    }

    @Test
    @DisplayName("validate refuses a placeholder that is neither a reported value nor a parameter, in a message and in a title, at its line")
    void validateRefusesAnUnknownPlaceholder() {
        Path rules = Path.of("src/test/resources/packs/placeholder");
        assertThatThrownBy(() -> new PackLoader().load(rules, rules.resolve("995/2020-01-01")))
                .isInstanceOfSatisfying(PackException.class, e -> assertThat(e.errors()).extracting(CompileError::toString)
                        .anySatisfy(s -> assertThat(s).contains("995/2020-01-01/placeholder.drl:8:").contains("@title has {partnerMin}"))
                        .anySatisfy(s -> assertThat(s).contains("995/2020-01-01/placeholder.drl:9:").contains("@nl has {aantal}")
                                .contains("[count]")));
    }

    @Test
    @DisplayName("507-SUBSIDY-MAX and the other rules that need the total cost: each names the fact by its label once, and itself by its title")
    void r507_a_missing_total_cost_is_named_once_per_rule_in_words() {
        Verdict v = ProposalJson.from("507/eligible-tielt-pittem.json").remove("financing.totalCost").evaluate("507", "2020-07-14");
        List<Finding> missing = v.findings().stream().filter(f -> f.severity() == callcheck.engine.Severity.MISSING).toList();
        assertThat(missing).hasSizeGreaterThan(1).allSatisfy(f -> {
            assertThat(f.values().get("missing")).asList().containsExactly("financing.totalCost");
            assertThat(f.message().nl()).startsWith("Ontbrekend gegeven: de totale kost. Nodig voor de toets: ");
            assertThat(f.message().en()).startsWith("Missing fact: the total cost. Needed for the check: ");
        });
        assertThat(missing).extracting(Finding::rule).doesNotHaveDuplicates();
        assertThat(missing).extracting(f -> f.message().nl()).doesNotHaveDuplicates();
    }

    /** Each problem of the verdict's messages as "example rule (language): problem in text". */
    static List<String> problems(LanguageLint lint, String example, Verdict verdict) {
        List<String> out = new ArrayList<>();
        for (Finding f : verdict.findings()) {
            for (Language l : Language.values()) {
                String text = l == Language.NL ? f.message().nl() : f.message().en();
                for (String p : lint.problems(text, l)) out.add(example + " " + f.rule() + " (" + l + "): " + p + " in \"" + text + "\"");
            }
        }
        return out;
    }
}
