package callcheck.model;

/** A proposal that cannot be evaluated as sent: names the field (a JSON path) and why. */
public final class InvalidProposalException extends RuntimeException {
    private final String code;
    private final String field;

    public InvalidProposalException(String code, String field, String message) {
        super(message);
        this.code = code;
        this.field = field;
    }

    /** A stable, machine-readable reason such as {@code unknown_field} or {@code invalid_amount}. */
    public String code() { return code; }

    /** The JSON path of the offending field, such as {@code financing.totalCost}; null for the whole body. */
    public String field() { return field; }
}
