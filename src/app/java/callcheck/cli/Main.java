package callcheck.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code callcheck check|validate|test|diff|round|serve|...}. */
@Command(name = "callcheck", mixinStandardHelpOptions = true, version = "callcheck 0.1",
        description = "Checks proposals for Flemish AMIF funding calls against versioned Drools rule packs.",
        subcommands = {CheckCommand.class, RulesCommand.class, ServeCommand.class, ValidateCommand.class, TestCommand.class,
                DiffCommand.class, VersionCommand.class, ExampleCommand.class, TokenCommand.class, DecisionsCommand.class,
                RoundCommand.class, ImpactCommand.class, StoreCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int exit = new CommandLine(new Main()).execute(args);
        Logs.drain();
        System.exit(exit);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
