package callcheck.http;

import callcheck.evaluation.PackEngine;
import callcheck.evaluation.Ulid;
import callcheck.store.Decision;
import callcheck.store.DecisionJson;
import callcheck.store.DecisionStore;
import callcheck.store.Export;
import callcheck.store.Filter;
import callcheck.store.Impacts;
import callcheck.store.Page;
import callcheck.store.Replays;
import callcheck.store.TokenScope;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The decision records (../shared/API.md "Decision records"): one decision, a listing newest first with an opaque
 * cursor, a replay, the impact of a version on a call's decisions, and an export streamed as NDJSON or CSV. Every
 * endpoint needs a token: with the scope read, the export with export.
 */
final class Decisions {
    static final int MAX_LIMIT = 1000;
    static final int DEFAULT_LIMIT = 100;
    private static final String CURSOR_PREFIX = "d1:";
    static final String NDJSON = "application/x-ndjson";
    static final String CSV = "text/csv";
    private static final Set<String> FILTERS = Set.of("call", "version", "verdict", "from", "to");
    private static final Set<String> LIST_PARAMETERS = Set.of("call", "version", "verdict", "from", "to", "limit", "after");

    private final DecisionStore store;
    private final Tokens tokens;
    private final PackEngine engine;
    private final Replays replays;

    Decisions(DecisionStore store, PackEngine engine, Tokens tokens) {
        this.store = store;
        this.tokens = tokens;
        this.engine = engine;
        this.replays = new Replays(store, engine);
    }

    @JsonPropertyOrder({"decisionId", "receivedAt", "askedBy", "call", "version", "digest", "verdict"})
    record Summary(String decisionId, Instant receivedAt, String askedBy, String call, String version, String digest, String verdict) {
    }

    record Listing(List<Summary> decisions, String next) {
    }

    void show(Context ctx) {
        tokens.require(ctx, TokenScope.READ);
        RequestChecks.onlyParameters(ctx, Set.of());
        ctx.json(DecisionJson.of(find(ctx.pathParam("decisionId"))));
    }

    void list(Context ctx) {
        tokens.require(ctx, TokenScope.READ);
        RequestChecks.onlyParameters(ctx, LIST_PARAMETERS);
        int limit = limit(ctx.queryParam("limit"));
        String after = ctx.queryParam("after") == null ? null : cursorId(ctx.queryParam("after"));
        Page page = store.list(filter(ctx), after, limit);
        ctx.json(new Listing(page.decisions().stream().map(d -> new Summary(d.id(), d.receivedAt(), d.askedBy(), d.call(), d.version(),
                d.digest(), d.verdict())).toList(), page.lastIdIfMore() == null ? null : cursor(page.lastIdIfMore())));
    }

    void replay(Context ctx) {
        tokens.require(ctx, TokenScope.READ);
        RequestChecks.onlyParameters(ctx, Set.of("version", "digest"));
        String version = ctx.queryParam("version");
        String digest = ctx.queryParam("digest");
        if (version != null && digest != null) {
            throw new ApiError(400, "invalid_parameter", "digest", "give version or digest, not both");
        }
        Decision d = find(ctx.pathParam("decisionId"));
        try {
            ctx.json(replays.replay(d, version, digest));
        } catch (Replays.NotReplayable e) {
            int status = switch (e.code()) {
                case "proposal_erased" -> 410;
                case "unknown_digest" -> 404;
                default -> 400;
            };
            throw new ApiError(status, e.code(), e.field(), e.getMessage());
        }
    }

    /**
     * The impact of a version (or an archived digest) on the call's recorded decisions in the window
     * (../shared/API.md); the changed decisions paged oldest first. A draft pack as a zip body is not taken yet.
     */
    void impact(Context ctx) {
        tokens.require(ctx, TokenScope.READ);
        RequestChecks.onlyParameters(ctx, Set.of("version", "digest", "verdict", "from", "to", "limit", "after"));
        if (ctx.bodyAsBytes().length > 0) {
            throw new ApiError(415, "unsupported_media_type", null, "the impact of a draft pack sent as a body (" + ctx.contentType()
                    + ") is not supported yet: give ?version= of a pack in the rules folder or ?digest= of an archived pack, without a body");
        }
        String version = ctx.queryParam("version");
        String digest = ctx.queryParam("digest");
        if ((version == null) == (digest == null)) {
            throw new ApiError(400, "invalid_parameter", version == null ? "version" : "digest", "give version or digest, one of the two");
        }
        int limit = limit(ctx.queryParam("limit"));
        String after = ctx.queryParam("after") == null ? null : cursorId(ctx.queryParam("after"));
        Filter window = filter(ctx);
        try {
            Impacts.Report r = Impacts.run(store, engine, replays, ctx.pathParam("call"), version, digest, window, after, limit, null);
            ctx.json(r.withNext(r.next() == null ? null : cursor(r.next())));
        } catch (Replays.NotReplayable e) {
            throw new ApiError(e.code().equals("unknown_digest") ? 404 : 400, e.code(), e.field(), e.getMessage());
        }
    }

    /** NDJSON (one decision as GET /v1/decisions/{id} a line) or CSV, oldest first, written as the rows arrive. */
    void export(Context ctx) {
        tokens.require(ctx, TokenScope.EXPORT);
        RequestChecks.onlyParameters(ctx, FILTERS);
        Filter filter = filter(ctx);
        boolean csv = csv(ctx.header("Accept"));
        ctx.contentType(csv ? CSV + "; charset=utf-8" : NDJSON);
        try {
            // Javalin's stream, not the servlet's: it compresses when the client asks for it.
            OutputStream out = ctx.outputStream();
            if (csv) Export.csv(store, filter, out);
            else Export.ndjson(store, filter, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the export", e);
        }
    }

    private Decision find(String id) {
        if (!Ulid.isValid(id)) throw unknown(id);
        return store.find(id).orElseThrow(() -> unknown(id));
    }

    private static ApiError unknown(String id) {
        return new ApiError(404, "unknown_decision", "decisionId", "no decision has the id '" + id + "'");
    }

    private static boolean csv(String accept) {
        if (accept == null) return false;
        for (String part : accept.split(",")) {
            String type = part.split(";")[0].trim().toLowerCase(Locale.ROOT);
            if (type.equals(CSV)) return true;
            if (type.equals(NDJSON) || type.equals("*/*") || type.equals("application/*") || type.equals("application/json")) return false;
        }
        throw new ApiError(406, "not_acceptable", null, "the export is " + NDJSON + " or " + CSV + "; Accept: " + accept);
    }

    private static Filter filter(Context ctx) {
        try {
            return Filter.parse(ctx.queryParam("call"), ctx.queryParam("version"), ctx.queryParam("verdict"), ctx.queryParam("from"),
                    ctx.queryParam("to"));
        } catch (Filter.Invalid e) {
            throw new ApiError(400, "invalid_parameter", e.field(), e.getMessage());
        }
    }

    private static int limit(String s) {
        if (s == null) return DEFAULT_LIMIT;
        try {
            int n = Integer.parseInt(s);
            if (n >= 1 && n <= MAX_LIMIT) return n;
        } catch (NumberFormatException e) {
            // below
        }
        throw new ApiError(400, "invalid_parameter", "limit", "limit must be a whole number from 1 to " + MAX_LIMIT);
    }

    /** The cursor is opaque to clients: it may change form without breaking them. */
    static String cursor(String lastId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((CURSOR_PREFIX + lastId).getBytes(StandardCharsets.US_ASCII));
    }

    private static String cursorId(String cursor) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (s.startsWith(CURSOR_PREFIX) && Ulid.isValid(s.substring(CURSOR_PREFIX.length()))) return s.substring(CURSOR_PREFIX.length());
        } catch (IllegalArgumentException e) {
            // below
        }
        throw new ApiError(400, "invalid_parameter", "after", "after must be the 'next' cursor of a previous page");
    }
}
