package callcheck.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Which decisions a listing or an export takes; a null field takes all. {@code from} is inclusive, {@code to}
 * exclusive, both on the time received.
 */
public record Filter(String call, String version, String verdict, Instant from, Instant to) {
    public static final Filter ALL = new Filter(null, null, null, null, null);
    private static final List<String> VERDICTS = List.of("ELIGIBLE", "INELIGIBLE", "INCOMPLETE");

    /** A filter given as text (query parameters, command options); null takes all. */
    public static Filter parse(String call, String version, String verdict, String from, String to) {
        if (verdict != null && !VERDICTS.contains(verdict)) throw new Invalid("verdict", "verdict must be one of " + VERDICTS);
        return new Filter(call, version, verdict, instant("from", from), instant("to", to));
    }

    /** An instant (2026-12-02T10:15:30Z) or a date (2026-12-02: its start, UTC). */
    private static Instant instant(String name, String s) {
        if (s == null) return null;
        try {
            return s.length() == 10 ? LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new Invalid(name, name + " must be a date (2026-12-02) or an instant (2026-12-02T10:15:30Z), not '" + s + "'");
        }
    }

    /** A filter that cannot be read; {@link #field} names the part at fault. */
    public static final class Invalid extends IllegalArgumentException {
        private final String field;

        Invalid(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
