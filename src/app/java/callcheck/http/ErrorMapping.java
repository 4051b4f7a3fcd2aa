package callcheck.http;

import callcheck.engine.EngineBusyException;
import callcheck.engine.EvaluationTimeoutException;
import callcheck.engine.UnknownCallException;
import callcheck.model.InvalidProposalException;
import callcheck.round.InvalidRoundException;
import callcheck.json.Json;
import callcheck.store.StoreTimeoutException;
import callcheck.store.StoreUnavailableException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Turns every failure into the contract's error body. What a client sent gets a 4xx naming the field; anything
 * else is a bug: a 500 whose decision id is logged with the stack trace, and nothing of the bug in the answer.
 */
final class ErrorMapping {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

    private ErrorMapping() {
    }

    static void register(JavalinConfig config) {
        config.routes.exception(ApiError.class, (e, ctx) -> refuse(ctx, e.status(), ErrorBody.of(e.code(), e.field(), e.getMessage())));
        config.routes.exception(InvalidProposalException.class, (e, ctx) -> refuse(ctx, 400, ErrorBody.of(e.code(), e.field(), e.getMessage())));
        config.routes.exception(InvalidRoundException.class, (e, ctx) -> refuse(ctx, e.status(), ErrorBody.of(e.code(), e.field(), e.getMessage())));
        config.routes.exception(UnknownCallException.class, (e, ctx) -> refuse(ctx, 404, ErrorBody.of(e.code(), fieldOf(e), e.getMessage())));
        config.routes.exception(EvaluationTimeoutException.class, (e, ctx) -> {
            LOG.warn("evaluation abandoned on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            ctx.status(503).json(ErrorBody.of("evaluation_timeout", null, e.getMessage()));
        });
        config.routes.exception(EngineBusyException.class, (e, ctx) -> {
            ctx.header("Retry-After", Long.toString(Math.max(1, e.retryAfter().toSeconds())));
            refuse(ctx, 503, ErrorBody.of("busy", null, e.getMessage()));
        });
        // Nothing is answered as decided unless it is recorded: a store that is down is a 503 the client may retry.
        config.routes.exception(StoreUnavailableException.class, (e, ctx) -> {
            ctx.header("Retry-After", "5");
            refuse(ctx, 503, ErrorBody.of("store_unavailable", null, "the decision store is unavailable; nothing was recorded, try again"));
            LOG.warn("store unavailable on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
        });
        // The store did not confirm in time: the record may land, so a retry must carry the same key to not decide twice.
        config.routes.exception(StoreTimeoutException.class, (e, ctx) -> {
            ctx.header("Retry-After", "5");
            refuse(ctx, 503, ErrorBody.of("store_timeout", null, "it may have been recorded: retry with the same Idempotency-Key"));
            LOG.warn("store did not confirm on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
        });
        config.routes.exception(HttpResponseException.class, (e, ctx) -> refuse(ctx, e.getStatus(), fromJavalin(e.getStatus(), ctx)));
        config.routes.exception(Exception.class, (e, ctx) -> {
            // A client gone while its answer was written: nobody to answer, and EveryAnswer logs it in one line.
            if (EveryAnswer.clientGone(e)) return;
            String id = logBug(ctx.method() + " " + ctx.path(), e);
            ctx.status(500).json(ErrorBody.internal(id));
        });
        // Errors (not exceptions) skip the handlers above; answer them the same way.
        config.router.javaLangErrorHandler((res, error) -> answerError(res, error));
    }

    /** The parameter that picked what is missing: the pinned version, or the submission date that matched none. */
    private static String fieldOf(UnknownCallException e) {
        return switch (e.code()) {
            case "unknown_version" -> "version";
            case "no_version_for_date" -> "submittedOn";
            default -> null;
        };
    }

    /** Javalin's own refusals (no route, wrong method, body too large) in our words. */
    private static ErrorBody fromJavalin(int status, Context ctx) {
        return switch (status) {
            case 404 -> ErrorBody.of("route_not_found", null, "no endpoint " + ctx.method() + " " + ctx.path() + "; the endpoints are described at /openapi.json");
            case 405 -> ErrorBody.of("method_not_allowed", null, ctx.method() + " is not allowed on " + ctx.path() + "; the endpoints are described at /openapi.json");
            case 413 -> RequestChecks.tooLarge();
            default -> ErrorBody.of("http_" + status, null, "the request was refused (HTTP " + status + ")");
        };
    }

    private static void refuse(Context ctx, int status, ErrorBody body) {
        ErrorBody.Detail e = body.error();
        LOG.info("refused {} {}: {} {}{}", ctx.method(), ctx.path(), status, e.code(), e.field() == null ? "" : " at " + e.field());
        ctx.status(status).json(body);
    }

    private static String logBug(String where, Throwable t) {
        String id = UUID.randomUUID().toString();
        LOG.error("decision {} failed inside the service on {}", id, where, t);
        return id;
    }

    private static void answerError(HttpServletResponse res, Error error) {
        String id = logBug("a request", error);
        try {
            res.setStatus(500);
            res.setContentType("application/json");
            res.getOutputStream().write(Json.output().writeValueAsString(ErrorBody.internal(id)).getBytes(StandardCharsets.UTF_8));
        } catch (IOException | IllegalStateException e) {
            LOG.warn("could not answer decision {}: {}", id, e.toString());
        }
    }
}
