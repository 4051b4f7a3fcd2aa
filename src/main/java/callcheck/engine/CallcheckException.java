package callcheck.engine;

/**
 * What every exception of the library's API is: catch this one type, and switch on {@link #errorCode()}.
 */
public abstract class CallcheckException extends RuntimeException {
    /** The kind of fault. */
    private final ErrorCode errorCode;

    /**
     * An exception with a stack trace.
     *
     * @param errorCode the kind of fault
     * @param message   what went wrong
     */
    protected CallcheckException(ErrorCode errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    /**
     * An exception about input, which a stack trace would not help with.
     *
     * @param errorCode  the kind of fault
     * @param message    what went wrong
     * @param stackTrace false to leave the stack trace out
     */
    protected CallcheckException(ErrorCode errorCode, String message, boolean stackTrace) {
        super(message, null, false, stackTrace);
        this.errorCode = errorCode;
    }

    /**
     * The kind of fault.
     *
     * @return the code, never null
     */
    public ErrorCode errorCode() {
        return errorCode;
    }

    /**
     * The machine-readable code, as the HTTP service answers it: {@link ErrorCode#code()} unless the exception
     * says more precisely (a proposal's fault, such as {@code wrong_type}).
     *
     * @return the code, lower case with underscores
     */
    public String code() {
        return errorCode.code();
    }

    /**
     * The input at fault, as a JSON path, where one is: {@code financing.amif} of a proposal, {@code selected[1]} or
     * {@code proposals[0].id} of a round.
     *
     * @return the path, or null when no single field is at fault
     */
    public String field() {
        return null;
    }
}
