package callcheck.http;

import callcheck.engine.CompileError;
import callcheck.engine.PackException;
import callcheck.evaluation.PackEngine;
import callcheck.examples.Impact;
import callcheck.pack.Draft;
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
    /** A draft's zip: a version folder of a few rule files is some KB compressed. */
    static final int MAX_DRAFT_ZIP_BYTES = 2 * 1024 * 1024;
    private static final java.util.concurrent.Semaphore DRAFTS = new java.util.concurrent.Semaphore(1);
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
     * (../shared/API.md), or of a draft pack sent as a zip; the changed decisions paged oldest first.
     */
    void impact(Context ctx) {
        tokens.require(ctx, TokenScope.READ);
        RequestChecks.onlyParameters(ctx, Set.of("version", "digest", "verdict", "from", "to", "limit", "after"));
        String call = ctx.pathParam("call");
        String version = ctx.queryParam("version");
        String digest = ctx.queryParam("digest");
        int limit = limit(ctx.queryParam("limit"));
        String after = ctx.queryParam("after") == null ? null : cursorId(ctx.queryParam("after"));
        Filter window = filter(ctx);
        if (isZip(ctx.contentType())) {
            if (version != null || digest != null) {
                throw new ApiError(400, "invalid_parameter", version != null ? "version" : "digest",
                        "a draft sent as a zip is replayed on itself: give no version or digest with it");
            }
            // The draft's memory (its zip, its files, its compile and the pack it compiles to) is held until it is answered.
            try (MemoryBudget.Reservation memory = MemoryBudget.HEAP.open()) {
                answer(ctx, draft(ctx, call, memory), call, window, after, limit);
            }
            return;
        }
        if (ctx.req().getContentLengthLong() > 0 || ctx.header("Transfer-Encoding") != null) {
            throw new ApiError(415, "unsupported_media_type", null, "a draft pack is sent as application/zip (" + ctx.contentType()
                    + " is not); or give ?version= of a serving pack or ?digest= of an archived one, without a body");
        }
        if ((version == null) == (digest == null)) {
            throw new ApiError(400, "invalid_parameter", version == null ? "version" : "digest", "give version or digest, one of the two");
        }
        Replays.Target target;
        try {
            target = replays.target(call, version, digest);
        } catch (Replays.NotReplayable e) {
            throw new ApiError(e.code().equals("unknown_digest") ? 404 : 400, e.code(), e.field(), e.getMessage());
        }
        answer(ctx, target, call, window, after, limit);
    }

    /** Runs the impact and answers it as JSON, or as NDJSON with progress lines when asked for. */
    private void answer(Context ctx, Replays.Target target, String call, Filter window, String after, int limit) {
        if (wantsProgress(ctx.header("Accept"))) {
            progressLines(ctx, target, call, window, after, limit);
            return;
        }
        Impacts.Report r = Impacts.run(store, engine, target, call, window, after, limit, null, Impact.PROGRESS_EVERY);
        ctx.json(r.withNext(r.next() == null ? null : cursor(r.next())));
    }

    /** NDJSON asked for (before JSON): the answer with progress lines. */
    private static boolean wantsProgress(String accept) {
        if (accept == null) return false;
        for (String part : accept.split(",")) {
            String type = part.split(";")[0].trim().toLowerCase(Locale.ROOT);
            if (type.equals(NDJSON)) return true;
            if (type.equals("application/json")) return false;
        }
        return false;
    }

    /**
     * The impact as NDJSON, written as the run goes: a first line {@code {"progress":{"replayed":0,"decisions":N}}}
     * (N counted before the run), a progress line every hundredth of the run (at most every {@value Impact#PROGRESS_EVERY}
     * decisions), then {@code {"impact":{...}}} as the JSON answer is, or {@code {"error":{...}}} when the run failed
     * after the answer began. Written on the servlet's own stream, uncompressed, so that each line leaves when written.
     */
    private void progressLines(Context ctx, Replays.Target target, String call, Filter window, String after, int limit) {
        long total = Impacts.count(store, call, window);
        ctx.status(200);
        ctx.contentType(NDJSON);
        ProgressLines lines;
        try {
            lines = new ProgressLines(ctx.res().getOutputStream(), total);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot answer the impact", e);
        }
        try {
            lines.progress(0);
        } catch (UncheckedIOException e) {
            return; // the client left before the run began
        }
        int every = (int) Math.max(1, Math.min(Impact.PROGRESS_EVERY, total / 100));
        Object line;
        try {
            Impacts.Report r = Impacts.run(store, engine, target, call, window, after, limit, lines::progress, every);
            line = java.util.Map.of("impact", r.withNext(r.next() == null ? null : cursor(r.next())));
        } catch (java.util.concurrent.CancellationException e) {
            // The client left (a progress line could not be written): the run stopped, nobody reads a last line.
            org.slf4j.LoggerFactory.getLogger(Decisions.class).info("impact of call {} stopped: the client left", call);
            return;
        } catch (RuntimeException e) {
            // The status is sent: the error goes in the last line.
            org.slf4j.LoggerFactory.getLogger(Decisions.class).warn("impact of call {} failed after its answer began", call, e);
            line = ErrorBody.of("impact_failed", null, "the run stopped: " + e.getMessage());
        }
        lines.write(line);
    }

    /** Lines written by the replays' threads and the request's, one at a time, each flushed; progress only forward. */
    private static final class ProgressLines {
        private final OutputStream out;
        private final long total;
        private long shown = -1;
        private boolean gone;

        ProgressLines(OutputStream out, long total) {
            this.out = out;
            this.total = total;
        }

        /** @throws UncheckedIOException when the client left: the impact run then stops */
        synchronized void progress(long replayed) {
            if (!gone && replayed > shown) {
                shown = replayed;
                write(java.util.Map.of("progress", new Progress(replayed, total)));
            }
            if (gone) throw new UncheckedIOException(new IOException("the client left"));
        }

        synchronized void write(Object line) {
            if (gone) return;
            try {
                out.write(callcheck.json.Json.output().writeValueAsBytes(line));
                out.write('\n');
                out.flush();
            } catch (IOException e) {
                gone = true; // the client left: the next progress line stops the run
            }
        }
    }

    @JsonPropertyOrder({"replayed", "decisions"})
    record Progress(long replayed, long decisions) {
    }

    private static boolean isZip(String contentType) {
        if (contentType == null) return false;
        String type = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("application/zip") || type.equals("application/x-zip-compressed");
    }

    /**
     * The draft pack of the zip body compiled as a version of the call, with the serving reference data. The zip and
     * what it inflates to are reserved from the memory budget as they are read; one draft compiles at a time (a compile
     * takes a core for seconds), another is told to retry.
     */
    private Replays.Target draft(Context ctx, String call, MemoryBudget.Reservation memory) {
        List<callcheck.pack.RulePack> serving = engine.packs().versions(call); // an unknown call: 404 before the body
        RequestChecks.requireDeclaredLengthWithinLimit(ctx, MAX_DRAFT_ZIP_BYTES);
        if (!DRAFTS.tryAcquire()) {
            throw new callcheck.engine.EngineBusyException("another draft pack is being compiled; try again", java.time.Duration.ofSeconds(2));
        }
        try {
            long declared = ctx.req().getContentLengthLong();
            if (declared > 0) memory.accept(declared);
            byte[] zip = BodyReader.read(ctx.req().getInputStream(), declared, MAX_DRAFT_ZIP_BYTES, memory);
            if (zip.length > MAX_DRAFT_ZIP_BYTES) throw RequestChecks.refuseTooLarge(MAX_DRAFT_ZIP_BYTES);
            Draft draft = Draft.unzip(new java.io.ByteArrayInputStream(zip), memory);
            try {
                memory.accept(MemoryBudget.BYTES_PER_DRAFT_COMPILE); // before it compiles: refused (503) rather than run out of heap
            } catch (callcheck.engine.EngineBusyException e) {
                throw new callcheck.engine.EngineBusyException("the memory a draft's compile needs is held by other requests and drafts; try again",
                        java.time.Duration.ofSeconds(2));
            }
            return new Replays.Target(draft.compile(call, serving), engine.packs().reference());
        } catch (Draft.Refused e) {
            throw new ApiError(400, "invalid_draft", e.entry(), e.getMessage());
        } catch (PackException e) {
            List<CompileError> errors = e.errors();
            String shown = String.join("; ", errors.stream().limit(10).map(CompileError::toString).toList())
                    + (errors.size() > 10 ? "; and " + (errors.size() - 10) + " more" : "");
            throw new ApiError(400, "draft_does_not_compile", errors.isEmpty() ? null : errors.get(0).file(), "the draft does not compile: " + shown);
        } catch (IOException e) {
            throw new ApiError(400, "unreadable", null, "the body could not be read: " + e.getMessage());
        } finally {
            DRAFTS.release();
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
