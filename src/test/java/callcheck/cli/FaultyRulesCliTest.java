package callcheck.cli;

import callcheck.support.Hang;
import callcheck.support.HangingPack;
import callcheck.support.RulesCopy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Rules that throw or hang make {@code check} and {@code test} fail as errors of the rules, naming the rule. */
class FaultyRulesCliTest {
    @TempDir
    Path tmp;

    @AfterEach
    void release() {
        Hang.release();
    }

    @Test
    void check_exits_2_not_1_when_a_rule_throws() throws IOException {
        Path rules = RulesCopy.into(tmp.resolve("rules"), new String[0]).root();
        RulesCopy.copyTree(Path.of("src/test/resources/packs/faulty/999"), rules.resolve("999"));
        Path proposal = Files.writeString(tmp.resolve("p.json"), "{\"submittedOn\": \"2020-01-02\"}");
        CliRun run = CliRun.of("check", "--call", "999", "--rules", rules.toString(), proposal.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("the evaluation failed", "999-BUG");
    }

    @Test
    void test_fails_an_example_over_the_budget_naming_the_example_and_the_rule() throws IOException {
        Hang.hold();
        Path rules = RulesCopy.into(tmp.resolve("rules"), new String[0]).root();
        HangingPack.copyInto(rules);
        Path examples = tmp.resolve("examples");
        HangingPack.example(examples, "fine", "an ordinary title");
        HangingPack.example(examples, "spins", "LOOP-SPIN");
        CliRun run = CliRun.of("test", "--rules", rules.toString(), "--examples", examples.toString(), "--evaluation-budget", "200");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.outLines()).anySatisfy(l -> assertThat(l).startsWith("997/fine").contains("pass"));
        assertThat(run.outLines()).anySatisfy(l -> assertThat(l).startsWith("997/spins")
                .contains("FAIL", "over the time budget", "997-SPIN", "200 ms"));
    }
}
