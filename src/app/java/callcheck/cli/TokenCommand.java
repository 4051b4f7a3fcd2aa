package callcheck.cli;

import callcheck.store.DecisionStore;
import callcheck.store.TokenScope;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Set;
import java.util.concurrent.Callable;

/**
 * API tokens: {@code token add NAME [--scope evaluate,read,export]} prints a new token once (its last word), the store
 * keeps its hash, name and scopes; {@code token list}; {@code token remove NAME}. On the embedded store, refused while a
 * service has it open (H2 lets one process have its file, so that it opens no network port); on PostgreSQL, works while
 * services run.
 */
@Command(name = "token", description = "Manage the tokens that evaluate (with serve --require-token), read and export decisions.",
        subcommands = {TokenCommand.Add.class, TokenCommand.List.class, TokenCommand.Remove.class})
final class TokenCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "add", description = "Create a token for NAME and print it once; only its hash is stored.")
    static final class Add implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(paramLabel = "NAME", description = "who uses it, e.g. ocmw-portal: the decisions it asks for carry this name")
        String name;

        @Option(names = "--scope", paramLabel = "SCOPES", defaultValue = "evaluate",
                description = "what it may do, joined by commas: evaluate (with serve --require-token), read (decisions, rounds, replays), export; default: ${DEFAULT-VALUE}")
        String scopes;

        @Override
        public Integer call() {
            Set<TokenScope> allowed;
            try {
                allowed = TokenScope.parse(scopes);
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                return 1;
            }
            try (DecisionStore s = store.open()) {
                if (s == null) return 2;
                String token = s.addToken(name, allowed);
                System.out.println("token for " + name + " with " + TokenScope.ids(allowed)
                        + " (shown once: keep it; send it as Authorization: Bearer <token>): " + token);
                return 0;
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "list", description = "The names of the tokens, their scopes and when each was made (never the tokens).")
    static final class List implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Override
        public Integer call() {
            try (DecisionStore s = store.open()) {
                if (s == null) return 2;
                Table t = new Table("NAME", "SCOPES", "CREATED");
                for (DecisionStore.TokenInfo i : s.tokens()) t.row(i.name(), TokenScope.ids(i.scopes()), i.createdAt().toString());
                t.print(System.out);
                return 0;
            }
        }
    }

    @Command(name = "remove", description = "Remove the token of NAME: requests with it are refused from then on.")
    static final class Remove implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            try (DecisionStore s = store.open()) {
                if (s == null) return 2;
                if (s.removeToken(name)) {
                    System.out.println("removed the token of " + name);
                    return 0;
                }
                System.err.println("no token is named " + name);
                return 1;
            }
        }
    }
}
