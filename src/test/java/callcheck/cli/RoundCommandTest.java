package callcheck.cli;

import callcheck.support.RulesCopy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code callcheck round} on test call 997 (proposal: at most 60; round: at most 100, BLOCKING; at least 2 selected,
 * WARNING), over a rules folder of the project's reference data and that pack.
 */
class RoundCommandTest {
    @TempDir
    static Path dir;
    static Path rules;

    @BeforeAll
    static void setUp() throws IOException {
        rules = RulesCopy.into(dir.resolve("rules"), new String[0]).root(); // the reference data only
        try (Stream<Path> files = Files.walk(Path.of("src/test/resources/packs/rounds"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path target = rules.resolve(Path.of("src/test/resources/packs/rounds").relativize(f).toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target);
            }
        }
        for (String[] p : new String[][]{{"a", "50"}, {"b", "40"}, {"c", "70"}, {"d", "60"}}) {
            Files.writeString(dir.resolve(p[0] + ".json"), "{\"submittedOn\":\"2020-06-01\",\"financing\":{\"amif\":" + p[1] + "}}");
        }
        Files.writeString(dir.resolve("scores.csv"), "id,score\na,5\nb,3\nc,9\nd,4.5\n");
    }

    private static CliRun round(String... more) {
        String[] base = {"round", "--call", "997", "--rules", rules.toString()};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return CliRun.of(args);
    }

    private static String file(String id) {
        return dir.resolve(id + ".json").toString();
    }

    @Test
    void prints_the_round_as_tables_and_exits_1_when_the_selection_breaks_a_blocking_rule() {
        CliRun r = round("--scores", dir.resolve("scores.csv").toString(), "--selected", "a,b,c", file("a"), file("b"), file("c"), file("d"));
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).contains("call 997, version 2020-01-01")
                .containsPattern("c\\s+INELIGIBLE\\s+70")
                .contains("997-ROUND-BUDGET").contains("Together 160, budget 100.")
                .contains("Proposed selection (highest total score that meets every BLOCKING call-level rule): a b")
                .contains("total score 8;")
                .containsPattern("d\\s+adding it to the proposed selection would break 997-ROUND-BUDGET");
    }

    @Test
    void exits_0_when_the_selection_meets_every_blocking_rule() {
        CliRun r = round("--selected", "a", file("a"), file("b"));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("997-ROUND-COUNT").contains("1 selected.");
    }

    @Test
    void bad_input_exits_2_naming_what_is_wrong() {
        CliRun unknownSelected = round("--selected", "zz", file("a"));
        assertThat(unknownSelected.exit()).isEqualTo(2);
        assertThat(unknownSelected.err()).contains("--selected: 'zz'");
        CliRun twice = round(file("a"), file("a"));
        assertThat(twice.exit()).isEqualTo(2);
        assertThat(twice.err()).contains("also named a.json");
        CliRun notJson = round("pom.xml");
        assertThat(notJson.exit()).isEqualTo(2);
        assertThat(notJson.err()).contains("pom.xml").contains("not well-formed JSON");
    }
}
