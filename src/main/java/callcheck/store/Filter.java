package callcheck.store;

import java.time.Instant;

/**
 * Which decisions a listing or an export takes; a null field takes all. {@code from} is inclusive, {@code to}
 * exclusive, both on the time received.
 */
public record Filter(String call, String version, String verdict, Instant from, Instant to) {
    public static final Filter ALL = new Filter(null, null, null, null, null);
}
