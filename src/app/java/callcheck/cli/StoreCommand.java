package callcheck.cli;

import callcheck.store.DecisionStore;
import callcheck.store.StoreInUseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** The decision store's upkeep: {@code store compact} gives back the embedded store's unused space. */
@Command(name = "store", description = "Look after the decision store (compact the embedded one).",
        subcommands = {StoreCommand.Compact.class})
final class StoreCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "compact", description = "Rewrite the embedded store with its live data only, compressed (the service must be stopped; a stop compacts for a few seconds).")
    static final class Compact implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Override
        public Integer call() {
            if (!store.embedded()) {
                System.err.println("only the embedded store (--data) is compacted here; PostgreSQL gives space back by itself"
                        + " (autovacuum), and VACUUM FULL shrinks its files");
                return 2;
            }
            try {
                DecisionStore.Compacted c = DecisionStore.compactEmbedded(store.data);
                System.out.printf(java.util.Locale.ROOT, "compacted %s: %,d bytes -> %,d bytes%n", store.describe(), c.before(), c.after());
                return 0;
            } catch (StoreInUseException | IllegalArgumentException e) {
                System.err.println(e.getMessage());
                return 2;
            } catch (RuntimeException e) {
                System.err.println("cannot compact " + store.describe() + ": " + e.getMessage());
                return 1;
            }
        }
    }
}
