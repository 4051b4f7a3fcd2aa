package callcheck.cli;

import callcheck.support.RulesCopy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The analyst's loop: one call at a time, and packs compiled before loaded from the cache. */
class LoopTest {
    private static final Path PACKS = Path.of("src/test/resources/packs");

    @TempDir
    Path tmp;

    /** Calls 905 (compiles) and 999 (does not), with the test reference data. */
    private Path rules() {
        Path rules = tmp.resolve("rules");
        RulesCopy.copyTree(PACKS.resolve("analyst"), rules);
        RulesCopy.copyTree(PACKS.resolve("broken"), rules);
        RulesCopy.copyTree(CallNewCommandTest.REFERENCE, rules.resolve("reference"));
        return rules;
    }

    @Test
    @DisplayName("validate --call: only that call's packs, so another call's broken pack neither shows nor fails it")
    void validate_one_call() {
        Path rules = rules();
        CliRun all = CliRun.of("validate", "--rules", rules.toString());
        assertThat(all.exit()).isEqualTo(1);
        assertThat(all.out()).contains("OK   905/2024-01-01", "FAIL 999/");
        CliRun one = CliRun.of("validate", "--call", "905", "--rules", rules.toString());
        assertThat(one.exit()).as(one.out()).isZero();
        assertThat(one.outLines()).first().asString().startsWith("OK   905/2024-01-01: 2 rules");
        assertThat(one.out()).doesNotContain("999");
        CliRun none = CliRun.of("validate", "--call", "904", "--rules", rules.toString());
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.out()).contains("/904: no pack");
    }

    @Test
    @DisplayName("validate and test with --cache: the second run loads what the first compiled; after one rule changes, only that pack compiles")
    void reuses_compiled_packs() throws IOException {
        Path rules = rules(), cache = tmp.resolve("cache");
        Path second = rules.resolve("905/2025-01-01");
        RulesCopy.copyTree(rules.resolve("905/2024-01-01"), second);
        Path manifest = second.resolve("pack.yaml");
        Files.writeString(manifest, Files.readString(manifest).replace("version: \"2024-01-01\"", "version: \"2025-01-01\"")
                .replace("from: 2024-01-01", "from: 2025-01-01"));
        String[] validate = {"validate", "--call", "905", "--rules", rules.toString(), "--cache", cache.toString()};

        CliRun first = CliRun.of(validate);
        assertThat(first.exit()).as(first.out()).isZero();
        // the two versions have the same DRL: compiled once, the second from the loader itself
        assertThat(first.outLines()).last().asString().isEqualTo("cache " + cache + ": 0 rule sets loaded from it, 1 compiled");

        CliRun again = CliRun.of(validate);
        assertThat(again.outLines()).last().asString().isEqualTo("cache " + cache + ": 1 rule sets loaded from it, 0 compiled");

        Path drl = second.resolve("rules.drl");
        Files.writeString(drl, Files.readString(drl).replace("The project has no title.", "The project has no title at all."));
        CliRun edited = CliRun.of(validate);
        assertThat(edited.exit()).as(edited.out()).isZero();
        assertThat(edited.outLines()).last().asString().isEqualTo("cache " + cache + ": 1 rule sets loaded from it, 1 compiled");
        CliRun afterEdit = CliRun.of(validate);
        assertThat(afterEdit.outLines()).last().asString().isEqualTo("cache " + cache + ": 2 rule sets loaded from it, 0 compiled");
    }
}
