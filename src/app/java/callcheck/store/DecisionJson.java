package callcheck.store;

import callcheck.json.Unicode;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;

import java.time.Instant;

/**
 * A decision as GET /v1/decisions/{id}, the NDJSON export and {@code callcheck decisions show} give it: the proposal
 * and the verdict as the JSON stored, not read and written again.
 */
@JsonPropertyOrder({"decisionId", "receivedAt", "askedBy", "call", "version", "digest", "tookMicros", "proposal", "verdict"})
public record DecisionJson(String decisionId, Instant receivedAt, String askedBy, String call, String version, String digest,
                           long tookMicros, @JsonRawValue String proposal, @JsonRawValue String verdict) {

    /**
     * The decision as it is written. A text that is not Unicode (an unpaired surrogate, stored before the readers
     * refused it) cannot be encoded as UTF-8, and would break an export in the middle of its stream: it is written
     * escaped: in the JSON as the six characters of its JSON escape, in a name as U+FFFD.
     */
    public static DecisionJson of(Decision d) {
        return new DecisionJson(d.id(), d.receivedAt(), Unicode.replaced(d.askedBy()), Unicode.replaced(d.call()), Unicode.replaced(d.version()),
                d.digest(), d.tookMicros(), Unicode.escapedJson(d.proposalJson()), Unicode.escapedJson(d.verdictJson()));
    }
}
