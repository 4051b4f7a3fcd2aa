package callcheck.store;

import java.time.Instant;

/**
 * One call round as it is stored: when it was received, who asked (a token's name, or null), the pack whose call-level
 * rules checked it, how long it took, the round as it was read (canonical JSON) and the answer exactly as it was given.
 */
public record RoundRecord(String id, Instant receivedAt, String askedBy, String call, String version, String digest,
                          long tookMicros, String requestJson, String resultJson) {
}
