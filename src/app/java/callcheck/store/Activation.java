package callcheck.store;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which archived packs serve a call from when: one row of {@code callcheck publish}, {@code activate} or
 * {@code rollback}. The activation in force at a time is the one with the latest {@code activeFrom} not after it (of
 * two from the same instant, the one published last).
 *
 * @param id          a ULID: the order of publishing
 * @param digests     the digests that serve, one per version of the call, each archived
 * @param kind        {@code publish}, {@code activate} or {@code rollback}
 * @param restores    for a rollback, the activation whose digests it serves again; null otherwise
 */
public record Activation(String id, String call, List<String> digests, Instant activeFrom, String publishedBy, Instant publishedAt,
                         String kind, String restores) {

    public Activation {
        digests = List.copyOf(digests);
    }

    /** Their order in force: by activeFrom, then by the order of publishing. */
    public static final Comparator<Activation> ORDER = Comparator.comparing(Activation::activeFrom).thenComparing(Activation::id);

    /** Of one call's activations, the one in force at the instant, if any. */
    public static Optional<Activation> inForce(List<Activation> ofCall, Instant at) {
        return ofCall.stream().filter(a -> !a.activeFrom().isAfter(at)).max(ORDER);
    }

    /** Of one call's activations, the one in force just before {@code a} took over, if any. */
    public static Optional<Activation> before(List<Activation> ofCall, Activation a) {
        return ofCall.stream().filter(o -> ORDER.compare(o, a) < 0).max(ORDER);
    }

    /**
     * What a rollback of the call at the instant serves again: the activation in force before the one a rollback in
     * force restored, else before the one in force. So rollbacks step back one by one instead of going back and forth.
     */
    public static Optional<Activation> rollbackTarget(List<Activation> ofCall, Instant at) {
        Optional<Activation> current = inForce(ofCall, at);
        if (current.isEmpty()) return Optional.empty();
        return before(ofCall, origin(ofCall, current.get()));
    }

    /** The activation whose digests {@code a} serves: itself, or for a rollback the one it restores (followed back). */
    public static Activation origin(List<Activation> ofCall, Activation a) {
        Activation origin = a;
        for (int hops = 0; origin.restores() != null && hops < ofCall.size(); hops++) {
            String restored = origin.restores();
            Optional<Activation> r = ofCall.stream().filter(o -> o.id().equals(restored)).findFirst();
            if (r.isEmpty()) break;
            origin = r.get();
        }
        return origin;
    }

    /** The earliest instant after {@code at} when another of these activations takes over, if any. */
    public static Optional<Instant> nextChange(List<Activation> all, Instant at) {
        return all.stream().map(Activation::activeFrom).filter(t -> t.isAfter(at)).min(Comparator.naturalOrder());
    }
}
