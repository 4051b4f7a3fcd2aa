package callcheck.http;

import callcheck.store.DecisionStore;
import callcheck.store.DecisionStore.IdempotencyKey;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code Idempotency-Key} on evaluations and rounds (API.md "Production semantics"): a retry with the key and the
 * same request gets the first answer again, the same bytes, with {@code Idempotent-Replayed: true}; with another
 * request, 422. The key is kept in the store with the record it answered, per sender (the token's name, or none).
 */
final class Idempotency {
    private static final Logger LOG = LoggerFactory.getLogger(Idempotency.class);
    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";

    private final DecisionStore store;
    /** The stored answer of an id: a decision's verdict JSON, or a round's answer. */
    private final Function<String, Optional<String>> answers;

    Idempotency(DecisionStore store, Function<String, Optional<String>> answers) {
        this.store = store;
        this.answers = answers;
    }

    /** The request's key, checked before its body is read; null when it has none. */
    static String header(Context ctx) {
        String key = ctx.header(HEADER);
        if (key == null) return null;
        if (key.isEmpty() || key.length() > 100 || !key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            throw new ApiError(400, "invalid_value", HEADER, "the Idempotency-Key must be 1 to 100 printable ASCII characters");
        }
        return key;
    }

    /** The key as it is stored (its answer's id still to come), or null without a key or a store. */
    IdempotencyKey key(Context ctx, String header, String askedBy, byte[] body) {
        if (header == null || store == null) return null;
        MessageDigest digest = digest(ctx);
        digest.update(body);
        return key(askedBy, header, digest);
    }

    /** The key of a request whose body went through {@code digest} (made by {@link #digest}), or null. */
    IdempotencyKey key(String askedBy, String header, MessageDigest digest) {
        if (header == null || store == null) return null;
        return new IdempotencyKey(askedBy == null ? "" : askedBy, header, HexFormat.of().formatHex(digest.digest()), null);
    }

    /** When the key answered within the window: answers that again (or 422 for another request) and returns true. */
    boolean answeredBefore(Context ctx, IdempotencyKey asked) {
        if (asked == null) return false;
        Optional<IdempotencyKey> held = store.idempotencyKey(asked.askedBy(), asked.key());
        if (held.isEmpty()) return false;
        answer(ctx, asked, held.get());
        return true;
    }

    /**
     * After a record under the key: when another request's record held it first (sent at once, or on another
     * instance), answers that one's answer (or 422) instead, and returns true; nothing of this request was recorded.
     */
    boolean answeredByOther(Context ctx, IdempotencyKey recorded, IdempotencyKey held) {
        if (recorded == null || held.answerId().equals(recorded.answerId())) return false;
        answer(ctx, recorded, held);
        return true;
    }

    private void answer(Context ctx, IdempotencyKey asked, IdempotencyKey held) {
        if (!held.requestHash().equals(asked.requestHash())) {
            throw new ApiError(422, "idempotency_key_reused", HEADER, "this Idempotency-Key came with another request in the last "
                    + DecisionStore.IDEMPOTENCY_WINDOW.toHours() + " hours: use a new key for a new request");
        }
        String json = answers.apply(held.answerId())
                .orElseThrow(() -> new IllegalStateException("the answer " + held.answerId() + " of an Idempotency-Key is not stored"));
        LOG.info("replayed {} for an Idempotency-Key on {}", held.answerId(), ctx.path());
        ctx.header(REPLAYED, "true");
        CanonicalJson.respond(ctx, json.getBytes(StandardCharsets.UTF_8));
    }

    /** The request as the key covers it: endpoint and query here, then the body bytes as they are read. */
    static MessageDigest digest(Context ctx) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String query = ctx.queryString();
            sha.update((ctx.method() + " " + ctx.path() + (query == null ? "" : "?" + query) + "\n").getBytes(StandardCharsets.UTF_8));
            return sha;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
