package callcheck.store;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/** A round as GET /v1/rounds/{roundId} gives it: the request and the answer as the JSON stored. */
@JsonPropertyOrder({"roundId", "receivedAt", "askedBy", "call", "version", "digest", "tookMicros", "request", "result"})
public record RoundJson(String roundId, Instant receivedAt, String askedBy, String call, String version, String digest,
                        long tookMicros, @JsonRawValue String request, @JsonRawValue String result) {

    public static RoundJson of(RoundRecord r) {
        return new RoundJson(r.id(), r.receivedAt(), r.askedBy(), r.call(), r.version(), r.digest(), r.tookMicros(), r.requestJson(),
                r.resultJson());
    }

    /** Reads and writes a stored request as it is: numbers (the scores) exactly, fields in their order. */
    private static final ObjectMapper EXACT = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    /** A stored round request with each inline proposal erased ({@code "proposal": null}); ids and the rest stay. */
    static String withoutProposals(String requestJson) {
        try {
            JsonNode request = EXACT.readTree(requestJson);
            for (JsonNode entry : request.path("proposals")) {
                if (entry.has("proposal")) ((ObjectNode) entry).putNull("proposal");
            }
            return EXACT.writeValueAsString(request);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored round request is not JSON", e);
        }
    }
}
