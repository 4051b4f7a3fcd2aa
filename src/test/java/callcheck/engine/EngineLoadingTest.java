package callcheck.engine;

import callcheck.support.RulesCopy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What loading a rules folder gives when it is missing, or when one of its packs does not compile. */
class EngineLoadingTest {

    @Test
    void a_missing_rules_folder_is_a_pack_exception_naming_it() {
        assertThatThrownBy(() -> Engine.load(Path.of("no/such/rules")))
                .isInstanceOfSatisfying(PackException.class, e -> {
                    assertThat(e.errors()).singleElement().satisfies(err -> assertThat(err.file()).contains("no/such/rules".replace('/', java.io.File.separatorChar)));
                    assertThat(e.getMessage()).contains("no such folder");
                });
    }

    @Test
    void a_file_given_as_the_rules_folder_is_a_pack_exception(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("rules.txt"), "");
        assertThatThrownBy(() -> Engine.load(file)).isInstanceOf(PackException.class).hasMessageContaining("not a folder");
    }

    @Test
    void one_broken_pack_fails_the_load_unless_loading_partially_which_serves_the_others_and_reports_it(@TempDir Path rules) {
        RulesCopy.copyTree(LibraryTest.FIXTURE, rules);
        RulesCopy.copyTree(Path.of("src/test/resources/packs/broken/999"), rules.resolve("999"));

        assertThatThrownBy(() -> Engine.load(rules)).isInstanceOf(PackException.class).hasMessageContaining("broken.drl");
        assertThat(EngineOptions.defaults().partialLoad()).isFalse();

        try (Engine engine = Engine.load(rules, EngineOptions.builder().partialLoad(true).build())) {
            assertThat(engine.calls()).containsExactly("900");
            assertThat(engine.evaluate("900", LibraryTest.proposal("8000")).verdict()).isEqualTo(Outcome.ELIGIBLE);
            assertThat(engine.failures()).containsOnlyKeys(Path.of("999", "2020-01-01").toString());
            assertThat(engine.failures().values().iterator().next()).isNotEmpty()
                    .allSatisfy(e -> assertThat(e.file()).endsWith("broken.drl"));
            assertThatThrownBy(() -> engine.evaluate("999", LibraryTest.proposal("8000")))
                    .isInstanceOfSatisfying(UnknownCallException.class, e -> {
                        assertThat(e.code()).isEqualTo("unknown_call");
                        assertThat(e.getMessage()).contains("did not load", "broken.drl");
                    });
        }
    }

    @Test
    void every_pack_loading_leaves_no_failures() {
        try (Engine engine = Engine.load(LibraryTest.FIXTURE, EngineOptions.builder().partialLoad(true).build())) {
            assertThat(engine.failures()).isEmpty();
        }
    }
}
