package callcheck.http;

import callcheck.evaluation.PackEngine;
import callcheck.engine.CompileError;
import callcheck.store.DecisionStore;
import callcheck.support.Packs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The real server on a free loopback port, and a client that talks to it. */
final class TestServer implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    final HttpServer server;
    final URI base;
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final Runnable stop;

    private TestServer(HttpServer server, int port, Runnable stop) {
        this.server = server;
        this.base = URI.create("http://127.0.0.1:" + port);
        this.stop = stop;
    }

    /** The project's packs, all compiled. */
    static TestServer start() {
        return start(Packs.engine(), Map.of());
    }

    static TestServer start(PackEngine engine, Map<String, List<CompileError>> failures) {
        return start(engine, failures, callcheck.round.Decisions.NONE);
    }

    /** With a decision store for the rounds' {@code decisionId}s. */
    static TestServer start(PackEngine engine, Map<String, List<CompileError>> failures, callcheck.round.Decisions decisions) {
        HttpServer server = new HttpServer(engine, failures).decisions(decisions);
        return new TestServer(server, server.start("127.0.0.1", 0), server::stop);
    }

    /** The project's packs, recording in the store; {@code requireToken}: evaluating needs a token too. */
    static TestServer start(PackEngine engine, DecisionStore store, boolean requireToken) {
        HttpServer server = new HttpServer(engine, Map.of(), store, requireToken);
        return new TestServer(server, server.start("127.0.0.1", 0), server::stop);
    }

    /**
     * The service as {@code serve} runs it over a rules folder, watching it and the examples that gate each reload;
     * {@code settle}: how long files must be quiet before a reload.
     */
    static TestServer serve(Path rules, Path examples, Duration settle) {
        Service service = Service.load(rules);
        int port = service.start("127.0.0.1", 0);
        try {
            service.watch(examples, settle);
        } catch (IOException e) {
            service.close();
            throw new UncheckedIOException(e);
        }
        return new TestServer(service.server(), port, service::close);
    }

    /** A service already loaded (with its store), started on a free loopback port; closing it closes the service. */
    static TestServer of(Service service) {
        return new TestServer(service.server(), service.start("127.0.0.1", 0), service::close);
    }

    /** A request built on the server's address, e.g. {@code request("/health").GET()}. */
    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
    }

    Response get(String path) {
        return send(request(path).GET().build());
    }

    /** A GET with {@code Authorization: Bearer <token>}. */
    Response get(String path, String token) {
        return send(request(path).header("Authorization", "Bearer " + token).GET().build());
    }

    /** A POST of JSON with {@code Authorization: Bearer <token>}. */
    Response postJson(String path, String json, String token) {
        return send(request(path).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    Response postJson(String path, String json) {
        return post(path, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    Response post(String path, String contentType, byte[] body) {
        return send(postRequest(path, contentType, body));
    }

    HttpRequest postRequest(String path, String contentType, byte[] body) {
        HttpRequest.Builder b = request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) b.header("Content-Type", contentType);
        return b.build();
    }

    Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends a request the server may refuse before reading its body (413 on Content-Length): the server then closes
     * while the client may still be sending, and a connection reset can reach the client before the answer does.
     * Tries again a few times on that alone; any answer, right or wrong, is returned at once.
     */
    Response sendMayBeRefusedEarly(HttpRequest request) {
        for (int attempt = 1; ; attempt++) {
            try {
                return send(request);
            } catch (UncheckedIOException cutOff) {
                if (attempt == 5) throw cutOff;
            }
        }
    }

    @Override
    public void close() {
        stop.run();
    }

    record Response(int status, String contentType, String body) {
        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        /** The error object of an error answer. */
        JsonNode error() {
            return json().get("error");
        }
    }
}
