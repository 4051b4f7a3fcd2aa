package callcheck.engine;

/**
 * What kind of fault a {@link CallcheckException} is, to switch on. {@link CallcheckException#code()} gives the finer
 * code the HTTP service answers in {@code {"error": {"code"}}} (for a proposal, which fault of which field).
 */
public enum ErrorCode {
    /** No pack of the call is loaded. */
    UNKNOWN_CALL("unknown_call"),
    /** The call has no such version. */
    UNKNOWN_VERSION("unknown_version"),
    /** No version of the call governs the proposal's submission date. */
    NO_VERSION_FOR_DATE("no_version_for_date"),
    /** A proposal is not valid: {@link CallcheckException#code()} says how ({@code required}, {@code wrong_type}...). */
    INVALID_PROPOSAL("invalid_proposal"),
    /** A round cannot be checked as given: {@link CallcheckException#code()} says why ({@code mixed_versions}...). */
    INVALID_ROUND("invalid_round"),
    /** A rules folder or pack does not load. */
    PACK("pack"),
    /** An evaluation took longer than its time budget. */
    EVALUATION_TIMEOUT("evaluation_timeout"),
    /** No evaluation could start now; the same may succeed later. */
    BUSY("busy"),
    /** The engine is closed. */
    ENGINE_CLOSED("engine_closed");

    private final String code;

    ErrorCode(String code) {
        this.code = code;
    }

    /**
     * The code in the form the HTTP service answers it, lower case with underscores.
     *
     * @return such as {@code unknown_call}
     */
    public String code() {
        return code;
    }
}
