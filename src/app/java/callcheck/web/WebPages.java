package callcheck.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The pages for applicants and analysts: plain HTML, CSS and JavaScript read from the jar once, that call the API
 * like any client (the page never evaluates by itself). {@code /} checks a proposal, {@code /calls/{call}} shows a
 * call's versions, rules, parameters and what changed between two versions, {@code /decisions/{id}} looks a decision
 * up. Anything else, {@code /web/} files included, is the API's JSON 404.
 */
public final class WebPages {
    private static final String FOLDER = "/callcheck/web/";
    /** Nothing from elsewhere: no CDN, no inline script, no framing. */
    private static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml");
    /** The files under /web/, by name; only these are served. */
    private static final Map<String, byte[]> ASSETS = Map.of(
            "style.css", read("style.css"),
            "common.js", read("common.js"),
            "evaluate.js", read("evaluate.js"),
            "call.js", read("call.js"),
            "impact.js", read("impact.js"),
            "decision.js", read("decision.js"),
            "favicon.svg", read("favicon.svg"));
    private static final byte[] EVALUATE = read("index.html");
    private static final byte[] CALL = read("call.html");
    private static final byte[] DECISION = read("decision.html");

    private WebPages() {
    }

    public static void register(JavalinConfig config) {
        config.routes.get("/", ctx -> page(ctx, EVALUATE));
        config.routes.get("/calls/{call}", ctx -> page(ctx, CALL));
        config.routes.get("/decisions/{id}", ctx -> page(ctx, DECISION));
        config.routes.get("/web/{file}", ctx -> {
            String name = ctx.pathParam("file");
            byte[] body = ASSETS.get(name);
            if (body == null) throw new NotFoundResponse();
            send(ctx, TYPES.get(name.substring(name.lastIndexOf('.') + 1)), body);
        });
    }

    private static void page(Context ctx, byte[] html) {
        send(ctx, TYPES.get("html"), html);
    }

    private static void send(Context ctx, String type, byte[] body) {
        ctx.header("Content-Security-Policy", POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                // the files change with the jar; a browser asks again rather than run an old script against a new API
                .header("Cache-Control", "no-cache")
                .contentType(type).result(body);
    }

    private static byte[] read(String name) {
        try (InputStream in = WebPages.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) throw new IllegalStateException(FOLDER + name + " is missing from the jar");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
