package callcheck.round;

/**
 * A round that cannot be checked as sent: the status to answer (400, or 404 for a decision that is not there), a
 * stable code, and the field at fault as a JSON path ({@code proposals[3].id}, {@code scores.p07}).
 */
public final class InvalidRoundException extends callcheck.engine.CallcheckException {
    private final int status;
    private final String code;
    private final String field;

    public InvalidRoundException(int status, String code, String field, String message) {
        super(callcheck.engine.ErrorCode.INVALID_ROUND, message, false);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    static InvalidRoundException bad(String code, String field, String message) {
        return new InvalidRoundException(400, code, field, message);
    }

    public int status() { return status; }

    @Override
    public String code() { return code; }

    @Override
    public String field() { return field; }
}
