package callcheck.store;

/**
 * The store did not confirm a record in time, or its commit's outcome is unknown: the record may have been made (and
 * may still land). The caller must answer neither as decided nor as "nothing was recorded".
 */
public final class StoreTimeoutException extends RuntimeException {
    public StoreTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
