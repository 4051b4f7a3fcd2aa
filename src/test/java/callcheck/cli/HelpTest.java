package callcheck.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command answers --help, and the top-level list of commands gives each a whole sentence. */
class HelpTest {

    @Test
    @DisplayName("--help after any command, nested ones too, prints that command's usage and exits 0")
    void every_command_answers_help() {
        List<List<String>> commands = new ArrayList<>();
        walk(new CommandLine(new Main()), new ArrayList<>(), commands);
        assertThat(commands).extracting(c -> String.join(" ", c)).contains("test", "validate", "call new", "decisions replay", "facts");
        for (List<String> c : commands) {
            List<String> args = new ArrayList<>(c);
            args.add("--help");
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertThat(run.exit()).as(String.join(" ", args) + ": " + run.err()).isZero();
            assertThat(run.out()).as(String.join(" ", args)).startsWith("Usage: callcheck " + String.join(" ", c) + " ");
        }
        assertThat(CliRun.of("--version").out()).startsWith("callcheck ");
        assertThat(CliRun.of("check", "--help").out()).contains("--version=<version>"); // still a pack version there
    }

    @Test
    @DisplayName("the top-level help lists each command with a whole first sentence, not one cut off mid-sentence")
    void top_level_descriptions_are_sentences() {
        CommandLine cli = new CommandLine(new Main());
        for (var e : cli.getSubcommands().entrySet()) {
            String[] description = e.getValue().getCommandSpec().usageMessage().description();
            assertThat(description).as(e.getKey()).isNotEmpty();
            assertThat(description[0]).as(e.getKey()).endsWith(".");
        }
        for (var e : cli.getSubcommands().get("decisions").getSubcommands().entrySet()) {
            assertThat(e.getValue().getCommandSpec().usageMessage().description()[0]).as(e.getKey()).endsWith(".");
        }
    }

    private static void walk(CommandLine cli, List<String> path, List<List<String>> out) {
        for (var e : cli.getSubcommands().entrySet()) {
            List<String> p = new ArrayList<>(path);
            p.add(e.getKey());
            out.add(p);
            walk(e.getValue(), p, out);
        }
    }
}
