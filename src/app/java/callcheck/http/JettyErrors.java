package callcheck.http;

import callcheck.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * What Jetty answers before a request reaches Javalin (a malformed request line, a bad URI, headers too large, a
 * request after a graceful stop began): the same JSON error body as everywhere else, instead of Jetty's HTML page.
 */
final class JettyErrors extends ErrorHandler {
    private static final Logger LOG = LoggerFactory.getLogger(JettyErrors.class);

    /** Every refusal has its body, whatever the method: Jetty's default leaves it out unless GET, POST or HEAD (HTTP/2's PRI got none). */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause, Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        EveryAnswer.headers(response.getHeaders());
        response.write(true, ByteBuffer.wrap(body(status, cause)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        EveryAnswer.headers(fields);
        return ByteBuffer.wrap(body(status, null));
    }

    private static byte[] body(int status, Throwable cause) {
        ErrorBody body;
        if (status == 503) {
            // Jetty's own 503 is the graceful stop refusing a request that came after it began: expected, not a bug.
            LOG.info("refused a request: the service is stopping");
            body = ErrorBody.of("shutting_down", null, "the service is stopping; send the request again to another instance or once it is back");
        } else if (status >= 500 && status != 505) {
            String id = UUID.randomUUID().toString();
            LOG.error("decision {} failed inside the server with status {}", id, status, cause);
            body = ErrorBody.internal(id);
        } else {
            LOG.info("refused a malformed request: {}", status);
            body = switch (status) {
                case 400 -> ErrorBody.of("bad_request", null, "the HTTP request is malformed");
                case 413 -> RequestChecks.tooLarge();
                case 414 -> ErrorBody.of("uri_too_long", null, "the request URI is too long");
                case 431 -> ErrorBody.of("headers_too_large", null, "the request headers are too large");
                case 505 -> ErrorBody.of("http_version_not_supported", null, "the request is not HTTP/1.1 or HTTP/1.0");
                case 426 -> ErrorBody.of("upgrade_required", null, "this service speaks HTTP/1.1 (and HTTP/1.0), not HTTP/2 without an upgrade");
                default -> ErrorBody.of("http_" + status, null, "the request was refused (HTTP " + status + ")");
            };
        }
        try {
            return Json.output().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
