package callcheck.engine;

/** No pack is loaded for the call, or no version of it matches: the client asked for something that is not here. */
public final class UnknownCallException extends RuntimeException {
    private final String code;

    public UnknownCallException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** unknown_call, unknown_version or no_version_for_date. */
    public String code() {
        return code;
    }
}
