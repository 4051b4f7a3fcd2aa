package callcheck.store;

import java.nio.file.Path;

/**
 * The embedded store's file is open in another process (a running service): H2 without a server lets one process
 * have it, so that the store opens no network port.
 */
public final class StoreInUseException extends RuntimeException {
    StoreInUseException(Path folder, Throwable cause) {
        super("the store in " + folder + " is in use by a running service; stop it and run this again, or read the decisions"
                + " through the service's HTTP API (/v1/decisions, with a token), or give both a PostgreSQL store (--store)", cause);
    }
}
