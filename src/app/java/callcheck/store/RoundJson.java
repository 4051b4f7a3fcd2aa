package callcheck.store;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;

import java.time.Instant;

/** A round as GET /v1/rounds/{roundId} gives it: the request and the answer as the JSON stored. */
@JsonPropertyOrder({"roundId", "receivedAt", "askedBy", "call", "version", "digest", "tookMicros", "request", "result"})
public record RoundJson(String roundId, Instant receivedAt, String askedBy, String call, String version, String digest,
                        long tookMicros, @JsonRawValue String request, @JsonRawValue String result) {

    public static RoundJson of(RoundRecord r) {
        return new RoundJson(r.id(), r.receivedAt(), r.askedBy(), r.call(), r.version(), r.digest(), r.tookMicros(), r.requestJson(),
                r.resultJson());
    }
}
