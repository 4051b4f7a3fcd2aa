package callcheck.http;

import java.io.IOException;
import java.io.InputStream;

import io.javalin.http.Context;

import java.util.Locale;
import java.util.Set;

/** What a request must be before its body is read: known query parameters, a JSON body, a bounded size. */
final class RequestChecks {
    /** A proposal is a few KB; four times the longest allowed string still fits many times over. */
    static final int MAX_BODY_BYTES = 256 * 1024;
    /** A round: up to {@link callcheck.round.RoundReader#MAX_PROPOSALS} proposals of a few KB each. */
    static final int MAX_ROUND_BODY_BYTES = 16 * 1024 * 1024;

    private RequestChecks() {
    }

    /** Refuses query parameters the endpoint does not know, and repeated or empty ones, so a typo never passes. */
    static void onlyParameters(Context ctx, Set<String> known) {
        for (var e : ctx.queryParamMap().entrySet()) {
            String name = e.getKey();
            if (!known.contains(name)) {
                throw new ApiError(400, "unknown_parameter", name, "unknown query parameter '" + name + "'"
                        + (known.isEmpty() ? "; this endpoint takes none" : "; known: " + known));
            }
            if (e.getValue().size() != 1 || e.getValue().get(0).isBlank()) {
                throw new ApiError(400, "invalid_parameter", name, "query parameter '" + name + "' must be given once, not empty");
            }
        }
    }

    /** The body must be JSON in UTF-8, the contract's only encoding, and not compressed. */
    static void requireJson(Context ctx) {
        String encoding = ctx.header("Content-Encoding");
        if (encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity")) {
            throw notJson("Content-Encoding " + encoding.trim() + " is not accepted; send the JSON as it is");
        }
        String type = ctx.header("Content-Type");
        if (type == null) throw notJson("the request has no Content-Type; send application/json");
        String[] parts = type.split(";");
        if (!parts[0].trim().toLowerCase(Locale.ROOT).equals("application/json")) {
            throw notJson("Content-Type " + parts[0].trim() + " is not accepted; send application/json");
        }
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            if (kv[0].trim().equalsIgnoreCase("charset") && (kv.length < 2 || !kv[1].trim().replace("\"", "").equalsIgnoreCase("utf-8"))) {
                throw notJson("the body must be UTF-8");
            }
        }
    }

    /** Refuses a body that says it is too large before reading any of it; {@link #body} bounds the reading itself. */
    static void requireDeclaredLengthWithinLimit(Context ctx, int limit) {
        String length = ctx.header("Content-Length");
        if (length == null) return;
        long n;
        try {
            n = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return; // Jetty refuses a malformed Content-Length before we get here
        }
        if (n > limit) throw refuseTooLarge(limit);
    }

    static ApiError refuseTooLarge(int limit) {
        ErrorBody b = tooLarge(limit);
        return new ApiError(413, b.error().code(), null, b.error().message());
    }

    /** The error body of a body over the limit of an evaluation, what Javalin's and Jetty's own refusals answer. */
    static ErrorBody tooLarge() {
        return tooLarge(MAX_BODY_BYTES);
    }

    private static ErrorBody tooLarge(int limit) {
        String size = limit >= 1024 * 1024 ? limit / (1024 * 1024) + " MB" : limit / 1024 + " KB";
        return ErrorBody.of("body_too_large", null, "the body is larger than " + size);
    }

    /**
     * The body, at most {@code limit} bytes, at a minimum rate ({@link BodyReader}): in an array of its declared length
     * when it has one (already checked against the limit), else cut off one byte over the limit. Javalin's own read
     * copies a body three times through 8 KB buffers; the garbage of every request sets how often the collector pauses
     * (BENCHMARKS.md). What it will cost once read is reserved from {@code memory} before it is read.
     */
    static byte[] body(Context ctx, int limit, MemoryBudget.Reservation memory) {
        long declared = ctx.req().getContentLengthLong();
        if (declared >= 0) memory.accept(declared * MemoryBudget.BYTES_PER_BODY_BYTE);
        try {
            return BodyReader.read(ctx.req().getInputStream(), declared, limit, grown -> memory.accept(grown * MemoryBudget.BYTES_PER_BODY_BYTE));
        } catch (IOException e) {
            throw new ApiError(400, "unreadable", null, "the body could not be read: " + e.getMessage());
        }
    }

    /** The body as a stream, at most {@code limit} bytes at a minimum rate, for a reader that holds none of it. */
    static InputStream stream(Context ctx, int limit) {
        try {
            return BodyReader.stream(ctx.req().getInputStream(), ctx.req().getContentLengthLong(), limit);
        } catch (IOException e) {
            throw new ApiError(400, "unreadable", null, "the body could not be read: " + e.getMessage());
        }
    }

    private static ApiError notJson(String message) {
        return new ApiError(415, "unsupported_media_type", null, message);
    }
}
