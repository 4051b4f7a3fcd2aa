package callcheck.cli;

import callcheck.store.Activation;
import callcheck.store.DecisionStore;
import callcheck.store.Pack;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What publish, activate and rollback share: reading a time, recording an activation and saying what it did. */
final class Published {
    private Published() {
    }

    /** Who records an activation: the user running the command. */
    static String by() {
        String user = System.getProperty("user.name");
        return user == null || user.isBlank() ? "unknown" : user;
    }

    /**
     * A time as given to --activate-at or --at (2026-03-01T09:00:00Z, or with an offset: +01:00), or null when not
     * given (now). Throws {@link IllegalArgumentException} with a plain message when it cannot be read or is past.
     */
    static Instant time(String option, String text, Instant now) {
        if (text == null) return null;
        Instant at;
        try {
            at = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " '" + text + "': give a time with its offset, such as 2026-03-01T09:00:00Z or 2026-03-01T10:00:00+01:00");
        }
        if (at.isBefore(now)) throw new IllegalArgumentException(option + " " + text + " is past: leave it out to activate now");
        return at;
    }

    /** The archived packs of the digests, by version, as the store knows them. */
    static Map<String, String> byVersion(DecisionStore store, List<String> digests) {
        Map<String, String> out = new TreeMap<>();
        for (String d : digests) for (Pack p : store.archivedLike(d)) if (p.digest().equals(d)) out.put(p.version(), d);
        return out;
    }

    /**
     * Records the activation unless the same digests are in force for the call at that instant already; prints what it
     * did either way.
     */
    static void record(DecisionStore store, String call, Map<String, String> digestsByVersion, Instant at, String kind, String restores) {
        Instant now = Instant.now();
        Instant from = at == null ? now : at;
        List<Activation> ofCall = store.activations(call);
        List<String> digests = digestsByVersion.values().stream().sorted().toList();
        if (Activation.inForce(ofCall, from).map(a -> a.digests().stream().sorted().toList().equals(digests)).orElse(false)) {
            System.out.println("call " + call + ": " + (at == null ? "serves" : "will serve") + " these packs already: nothing recorded");
            return;
        }
        Activation a = store.activate(call, digests, from, by(), kind, restores);
        System.out.println("call " + call + ": " + kind + " " + a.id() + ", active " + (at == null ? "now (" + a.activeFrom() + ")" : "from " + a.activeFrom()));
        digestsByVersion.forEach((v, d) -> System.out.println("  " + v + "  " + d));
    }
}
