package callcheck.http;

/**
 * A request the service refuses, with the status and the error body it answers: a stable code, a message for
 * people, and the field (a JSON path or a parameter name) when one is at fault.
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String code;
    private final String field;

    public ApiError(int status, String code, String field, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    public int status() { return status; }

    public String code() { return code; }

    public String field() { return field; }
}
