package callcheck.engine;

/**
 * No pack is loaded for the call, or no version of it matches: the caller asked for something that is not here. The
 * message says what was asked and what is loaded.
 */
public final class UnknownCallException extends CallcheckException {
    /** The machine-readable reason, one of those {@link #code()} lists. */
    private final String code;

    /**
     * A request for a call or version that is not loaded.
     *
     * @param code    {@code unknown_call}, {@code unknown_version} or {@code no_version_for_date}: the
     *                {@link ErrorCode#code()} of {@link ErrorCode#UNKNOWN_CALL}, {@link ErrorCode#UNKNOWN_VERSION} or
     *                {@link ErrorCode#NO_VERSION_FOR_DATE}
     * @param message what was asked and what is there, in English
     */
    public UnknownCallException(String code, String message) {
        super(ErrorCode.valueOf(code.toUpperCase(java.util.Locale.ROOT)), message);
        this.code = code;
    }

    /**
     * Why the call could not be served, as the service's 404 error body gives it.
     *
     * @return {@code unknown_call} (no pack for the call), {@code unknown_version} (no such version of it) or
     *         {@code no_version_for_date} (no version governs the proposal's submission date)
     */
    @Override
    public String code() {
        return code;
    }
}
