package callcheck.cli;

import callcheck.store.DecisionStore;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Which decision store a command uses: the embedded one under --data, or PostgreSQL by --store. */
final class StoreOptions {
    @Option(names = "--data", defaultValue = "${env:CALLCHECK_DATA:-data}", description = "folder of the embedded store (default: ${DEFAULT-VALUE}, env CALLCHECK_DATA)")
    Path data;

    @Option(names = "--store", defaultValue = "${env:CALLCHECK_STORE}", paramLabel = "JDBC_URL",
            description = "a PostgreSQL store instead, e.g. jdbc:postgresql://db:5432/callcheck?user=callcheck&password=...; "
                    + "'none' (serve only) records nothing, to measure what recording costs (env CALLCHECK_STORE)")
    String store;

    /** {@code --store none}: nothing is recorded (a measuring mode: verdicts carry no decision to read or replay). */
    boolean none() {
        return NONE.equals(store);
    }

    static final String NONE = "none";

    /** The embedded store in --data: no --store given. */
    boolean embedded() {
        return store == null || store.isBlank();
    }

    /** Opens the store; null (the reason printed) when it cannot be. */
    DecisionStore open() {
        if (none()) {
            System.err.println("--store none records nothing: this command needs a store (--data DIR or --store JDBC_URL)");
            return null;
        }
        try {
            return DecisionStore.open(embedded() ? null : store, data);
        } catch (RuntimeException e) {
            System.err.println("cannot open the decision store " + describe() + ": " + e.getMessage());
            return null;
        }
    }

    /** Where the decisions are, without a password the URL may hold. */
    String describe() {
        if (none()) return "no store (--store none: nothing is recorded; for measuring only)";
        if (embedded()) return data.toAbsolutePath().normalize() + " (embedded H2)";
        int q = store.indexOf('?');
        return (q < 0 ? store : store.substring(0, q)) + " (PostgreSQL)";
    }
}
