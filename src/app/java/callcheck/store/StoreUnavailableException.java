package callcheck.store;

/** The store cannot be reached or refused a write: nothing was recorded, and the caller must not answer as if it had. */
public final class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
