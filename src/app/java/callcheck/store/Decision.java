package callcheck.store;

import java.time.Instant;

/**
 * One decision as it is stored: when it was received, who asked (a token's name, or null), the pack that decided
 * (call, version, digest), the outcome, how long it took, the proposal as it was read (canonical JSON; null once
 * the retention erased it, or in a listing) and the verdict JSON exactly as it was answered (null in a listing).
 */
public record Decision(String id, Instant receivedAt, String askedBy, String call, String version, String digest,
                       String verdict, long tookMicros, String proposalJson, String verdictJson) {

    /** The same decision without its proposal and verdict JSON: what a listing carries. */
    public Decision summary() {
        return new Decision(id, receivedAt, askedBy, call, version, digest, verdict, tookMicros, null, null);
    }
}
