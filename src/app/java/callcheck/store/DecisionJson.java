package callcheck.store;

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

    public static DecisionJson of(Decision d) {
        return new DecisionJson(d.id(), d.receivedAt(), d.askedBy(), d.call(), d.version(), d.digest(), d.tookMicros(), d.proposalJson(),
                d.verdictJson());
    }
}
