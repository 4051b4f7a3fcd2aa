package callcheck.http;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What holds for every answer, before Javalin routes the request: {@code Cache-Control: no-store} (a decision, a
 * token's listing or an error must not be kept by a proxy or a browser's cache; the pages say {@code no-cache} over
 * it) and {@code X-Content-Type-Options: nosniff}; and {@code HEAD} is handled as {@code GET}, token check and all.
 * Javalin answers a HEAD on a GET route 200 without running its handler; here the handler runs as for GET and Jetty
 * sends its status and headers without the body, since the connection still knows the request was a HEAD. A client
 * that goes away before its answer is sent (a reset, a closed connection) is one INFO line, not a stack trace.
 */
final class EveryAnswer extends Handler.Wrapper {
    private static final Logger LOG = LoggerFactory.getLogger(EveryAnswer.class);

    /** Marks a HEAD request that is handled as GET, so that the metrics still count it as HEAD. */
    private static final String HEAD_ATTRIBUTE = "callcheck.head";

    static void headers(HttpFields.Mutable headers) {
        headers.put(HttpHeader.CACHE_CONTROL, "no-store");
        headers.put("X-Content-Type-Options", "nosniff");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        headers(response.getHeaders());
        Request.addCompletionListener(request, failure -> {
            if (failure != null && clientGone(failure)) {
                LOG.info("the client {} closed the connection before the answer to {} {} was sent: {}", Request.getRemoteAddr(request),
                        request.getMethod(), request.getHttpURI().getPath(), failure.getMessage());
            }
        });
        if (!HttpMethod.HEAD.is(request.getMethod())) return super.handle(request, response, callback);
        request.setAttribute(HEAD_ATTRIBUTE, Boolean.TRUE);
        return super.handle(new AsGet(request), response, callback);
    }

    /** The method the client sent: HEAD for a request that the routes saw as GET. */
    static String method(io.javalin.http.Context ctx) {
        return Boolean.TRUE.equals(ctx.attribute(HEAD_ATTRIBUTE)) ? HttpMethod.HEAD.asString() : ctx.method().name();
    }

    /** Whether the failure is the client gone (Jetty's EofException: reset, broken pipe, closed), not a fault of ours. */
    static boolean clientGone(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof EofException) return true;
        }
        return false;
    }

    private static final class AsGet extends Request.Wrapper {
        AsGet(Request request) {
            super(request);
        }

        @Override
        public String getMethod() {
            return HttpMethod.GET.asString();
        }
    }
}
