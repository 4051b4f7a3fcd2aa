package callcheck.model;

/**
 * A proposal that cannot be evaluated as sent: names the field (a JSON path) and why. Thrown by
 * {@link ProposalReader} and {@link Proposal.Builder#build()}, with the same code and field for the same fault;
 * the service answers it as a 400 with {@code {"error": {"code", "message", "field"}}}. The message says what is
 * wrong in English, for a person.
 */
public final class InvalidProposalException extends callcheck.engine.CallcheckException {
    /** The machine-readable reason; see {@link #code()}. */
    private final String code;
    /** The JSON path of the field at fault, or null; see {@link #field()}. */
    private final String field;

    /**
     * A refusal of a proposal.
     *
     * @param code    the machine-readable reason, as {@link #code()} lists them
     * @param field   the JSON path of the field at fault, or null for the whole body
     * @param message what is wrong, in English
     */
    public InvalidProposalException(String code, String field, String message) {
        super(callcheck.engine.ErrorCode.INVALID_PROPOSAL, message);
        this.code = code;
        this.field = field;
    }

    /**
     * A stable, machine-readable reason.
     *
     * @return one of {@code required} (a required field is absent), {@code invalid_amount} (negative, more than two
     *         decimals, or above {@link ProposalReader#MAX_AMOUNT}), {@code invalid_value} (not a valid date, enum
     *         name or NIS code, a value out of range, an end before the start), {@code wrong_type} (a value of another
     *         JSON type, or null in a list), {@code unknown_field}, {@code malformed_json}, {@code too_large} (the JSON
     *         exceeds a nesting, string or number length limit) or {@code unreadable}
     */
    @Override
    public String code() { return code; }

    /**
     * Where the fault is, as a JSON path: the builder's checks name the same paths.
     *
     * @return the path of the offending field, such as {@code financing.totalCost} or {@code partners[1].nis}; null
     *         when the fault concerns the whole body (not JSON, not an object)
     */
    @Override
    public String field() { return field; }
}
