package callcheck.http;

import callcheck.store.DecisionStore;
import callcheck.store.TokenScope;
import io.javalin.http.Context;

import java.time.Duration;

/**
 * Bearer tokens ({@code Authorization: Bearer <token>}): the name of the token a request carries, as the store knows
 * it, and whether it has the scope the endpoint needs. The token itself is never logged or kept: only its hash is
 * looked up. Failed attempts are throttled per client address ({@link TokenThrottle}); the address is the
 * connection's, or behind a trusted proxy the one it saw ({@link ClientAddress}), never a header any client could choose.
 */
final class Tokens {
    private final DecisionStore store;
    private final TokenThrottle throttle;
    private final ClientAddress clients;

    Tokens(DecisionStore store, TokenThrottle throttle, ClientAddress clients) {
        this.store = store;
        this.throttle = throttle;
        this.clients = clients;
    }

    /** The name of the request's token; 401 when it has none or one the store does not know, 403 without the scope. */
    String require(Context ctx, TokenScope scope) {
        DecisionStore.TokenInfo token = known(ctx);
        if (token == null) throw unauthorized("this endpoint needs a token: send Authorization: Bearer <token> (callcheck token add NAME makes one)");
        if (!token.scopes().contains(scope)) {
            throw new ApiError(403, "forbidden", null, "this endpoint needs a token with the scope '" + scope.id() + "'; the token of '"
                    + token.name() + "' has " + TokenScope.ids(token.scopes()) + " (callcheck token add NAME --scope " + scope.id() + ")");
        }
        return token.name();
    }

    /**
     * The name of the request's token, or null when it has none; 401 when it has one the store does not know. Any
     * scope will do: where no token is required, the token only names who asked.
     */
    String optional(Context ctx) {
        DecisionStore.TokenInfo token = known(ctx);
        return token == null ? null : token.name();
    }

    /**
     * The request's token, or null without an Authorization header. While the client's address has failed too often,
     * 429 before the token is even looked up: else a right guess would still show itself by passing.
     */
    private DecisionStore.TokenInfo known(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null) return null;
        String address = clients.of(ctx);
        Duration wait = throttle.retryAfter(address);
        if (!wait.isZero()) {
            // ErrorMapping answers with the headers set so far
            ctx.header("Retry-After", Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000)));
            throw new ApiError(429, "too_many_requests", null, "too many failed token attempts from this address; try again after Retry-After seconds");
        }
        String h = header.trim();
        if (h.length() < 7 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throttle.failed(address);
            throw unauthorized("the Authorization header must be Bearer <token>");
        }
        DecisionStore.TokenInfo token = store.token(h.substring(7).trim()).orElse(null);
        if (token == null) {
            throttle.failed(address);
            throw unauthorized("the token is not known (it may have been removed)");
        }
        return token;
    }

    private static ApiError unauthorized(String message) {
        return new ApiError(401, "unauthorized", null, message);
    }
}
