package callcheck.cli;

import callcheck.support.RulesCopy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** validate warns, at their line, of loop-shaped rules (test pack 996), and still exits 0 since they compile. */
class LoopWarningsTest {
    private static final String DRL = "996/2020-01-01/loop.drl";

    @TempDir
    Path tmp;

    @Test
    void validate_warns_of_an_update_without_no_loop_and_of_while_at_their_lines() throws IOException {
        Path rules = RulesCopy.into(tmp.resolve("rules"), new String[0]).root();
        Path from = Path.of("src/test/resources/packs/loopy/996");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = rules.resolve("996").resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(target);
                else Files.copy(f, target);
            }
        }
        List<String> drl = Files.readAllLines(rules.resolve(DRL));
        int update = drl.indexOf("    update($p);") + 1;
        int loop = drl.indexOf("    while (i < 3) { i++; }") + 1;

        CliRun run = CliRun.of("validate", "--rules", rules.toString());
        assertThat(run.exit()).as(run.out()).isZero();
        List<String> warnings = run.outLines().stream().filter(l -> l.startsWith("WARN ")).toList();
        assertThat(warnings).containsExactly(
                "WARN " + rules.resolve(DRL) + ":" + update + ":5: warning: rule \"996-UPDATES-ITS-OWN-FACT\" updates $p, a fact its own"
                        + " conditions match, without no-loop: each update can make it fire again",
                "WARN " + rules.resolve(DRL) + ":" + loop + ":5: warning: rule \"996-WHILE\" loops with while in its consequence: a loop"
                        + " that never ends on some proposal is abandoned at the evaluation's time budget");
        // --call reads only that call's files, and names them from the rules folder all the same
        CliRun one = CliRun.of("validate", "--call", "996", "--rules", rules.toString());
        assertThat(one.outLines().stream().filter(l -> l.startsWith("WARN ")).toList()).isEqualTo(warnings);
        assertThat(CliRun.of("validate", "--call", "995", "--rules", rules.toString()).out()).doesNotContain("WARN");
    }
}
