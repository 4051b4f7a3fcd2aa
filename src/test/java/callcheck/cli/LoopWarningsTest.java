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

    @Test
    void validate_with_call_warns_also_of_the_modules_its_packs_include_and_of_no_other() throws IOException {
        Path rules = RulesCopy.into(tmp.resolve("rules"), new String[0]).root();
        Path pack = Files.createDirectories(rules.resolve("996/2020-01-01"));
        Files.copy(Path.of("src/test/resources/packs/loopy/996/2020-01-01/pack.yaml"), pack.resolve("pack.yaml"));
        Files.writeString(pack.resolve("pack.yaml"), Files.readString(pack.resolve("pack.yaml")) + "include:\n  - modules/counting\n");
        String drl = Files.readString(Path.of("src/test/resources/packs/loopy/996/2020-01-01/loop.drl"));
        // the pack's own rule passes; the module's loops
        Files.writeString(pack.resolve("own.drl"), drl.substring(0, drl.indexOf("rule \"996-UPDATES-ITS-OWN-FACT\"")) + drl.substring(drl.indexOf("rule \"996-NO-LOOP\""),
                drl.indexOf("rule \"996-WHILE\"")));
        for (String module : List.of("counting", "unused")) {
            Path m = Files.createDirectories(rules.resolve("modules/" + module));
            Files.writeString(m.resolve("module.yaml"), "title: a module of loop-shaped rules\n");
            Files.writeString(m.resolve("count.drl"), drl.substring(0, drl.indexOf("rule \"996-UPDATES-ITS-OWN-FACT\"")).replace("c996", "m" + module)
                    + drl.substring(drl.indexOf("rule \"996-WHILE\"")).replace("996-WHILE", "996-" + module.toUpperCase() + "-WHILE"));
        }

        CliRun one = CliRun.of("validate", "--call", "996", "--rules", rules.toString());
        assertThat(one.exit()).as(one.out()).isZero();
        List<String> warnings = one.outLines().stream().filter(l -> l.startsWith("WARN ")).toList();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).startsWith("WARN " + rules.resolve("modules/counting/count.drl") + ":").contains("996-COUNTING-WHILE");
        assertThat(CliRun.of("validate", "--rules", rules.toString()).out()).contains("996-COUNTING-WHILE", "996-UNUSED-WHILE");
    }
}
