package callcheck.http;

import callcheck.store.DecisionStore;
import io.javalin.http.Context;

/**
 * Bearer tokens ({@code Authorization: Bearer <token>}): the name of the token a request carries, as the store knows
 * it. The token itself is never logged or kept: only its hash is looked up.
 */
final class Tokens {
    private final DecisionStore store;

    Tokens(DecisionStore store) {
        this.store = store;
    }

    /** The name of the request's token; 401 when it has none or one the store does not know. */
    String require(Context ctx) {
        String name = optional(ctx);
        if (name == null) throw unauthorized("this endpoint needs a token: send Authorization: Bearer <token> (callcheck token add NAME makes one)");
        return name;
    }

    /** The name of the request's token, or null when it has none; 401 when it has one the store does not know. */
    String optional(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null) return null;
        String h = header.trim();
        if (h.length() < 7 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) throw unauthorized("the Authorization header must be Bearer <token>");
        return store.tokenName(h.substring(7).trim())
                .orElseThrow(() -> unauthorized("the token is not known (it may have been removed)"));
    }

    private static ApiError unauthorized(String message) {
        return new ApiError(401, "unauthorized", null, message);
    }
}
