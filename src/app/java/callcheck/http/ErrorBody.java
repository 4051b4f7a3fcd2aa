package callcheck.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The body of every error answer: {@code {"error": {"code", "message", "field"}}}, and a decision id on a 500. */
public record ErrorBody(Detail error) {

    @JsonPropertyOrder({"code", "message", "field", "decisionId"})
    public record Detail(String code, String message, String field,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String decisionId) {
    }

    public static ErrorBody of(String code, String field, String message) {
        return new ErrorBody(new Detail(code, message, field, null));
    }

    public static ErrorBody internal(String decisionId) {
        return new ErrorBody(new Detail("internal_error", "the service failed on this request; it is logged under decision id "
                + decisionId, null, decisionId));
    }
}
