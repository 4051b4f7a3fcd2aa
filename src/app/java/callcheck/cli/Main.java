package callcheck.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code callcheck check|validate|test|diff|round|serve|...}. */
@Command(name = "callcheck", version = "callcheck 0.1",
        description = "Checks proposals for Flemish AMIF funding calls against versioned Drools rule packs.",
        subcommands = {CheckCommand.class, RulesCommand.class, ServeCommand.class, ValidateCommand.class, TestCommand.class,
                DiffCommand.class, VersionCommand.class, ExampleCommand.class, TokenCommand.class, DecisionsCommand.class,
                RoundCommand.class, ImpactCommand.class, CallCommand.class, FactsCommand.class, StoreCommand.class,
                PublishCommand.class, ActivateCommand.class, RollbackCommand.class, ActivationsCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    // Inherited by every subcommand, so that `callcheck test --help` answers; --version is the top level's alone,
    // since check, rules, example and others take --version as a pack version.
    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, scope = CommandLine.ScopeType.INHERIT, description = "show this help")
    boolean help;

    @CommandLine.Option(names = {"-V", "--version"}, versionHelp = true, description = "print the version of callcheck")
    boolean versionHelp;

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
