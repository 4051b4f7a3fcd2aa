package callcheck.http;

import callcheck.store.DecisionStore;
import callcheck.support.Packs;
import callcheck.support.ProposalJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What every answer carries ({@code no-store}, {@code nosniff}), errors included; and HEAD answered as GET would be. */
class EveryAnswerTest {
    @TempDir
    static Path data;
    private static DecisionStore store;
    private static TestServer api;
    private static String token;
    private static String decision;

    @BeforeAll
    static void start() {
        store = DecisionStore.open(null, data);
        token = store.addToken("tester");
        api = TestServer.start(Packs.engine(), store, false);
        decision = api.postJson("/v1/calls/507/evaluations", ProposalJson.from("507/eligible-tielt-pittem.json").text()).json().get("decisionId").asText();
    }

    @AfterAll
    static void stop() {
        api.close();
        store.close();
    }

    @Test
    void everyJsonAnswerErrorsIncludedIsNotStoredNorSniffed() {
        List<HttpRequest> requests = List.of(
                api.postRequest("/v1/calls/507/evaluations", "application/json", ProposalJson.from("507/eligible-tielt-pittem.json").text().getBytes(StandardCharsets.UTF_8)),
                api.postRequest("/v1/calls/507/evaluations", "application/json", "{".getBytes(StandardCharsets.UTF_8)),
                api.postRequest("/v1/calls/507/evaluations", "text/plain", "{}".getBytes(StandardCharsets.UTF_8)),
                api.postRequest("/v1/calls/0/evaluations", "application/json", "{}".getBytes(StandardCharsets.UTF_8)),
                api.request("/v1/decisions/" + decision).header("Authorization", "Bearer " + token).GET().build(),
                api.request("/v1/decisions/" + decision).GET().build(),
                api.request("/v1/decisions?limit=0").header("Authorization", "Bearer " + token).GET().build(),
                api.request("/v1/calls").GET().build(),
                api.request("/health").GET().build(),
                api.request("/openapi.json").GET().build(),
                api.request("/no/such/route").GET().build(),
                api.request("/v1/calls").DELETE().build());
        for (HttpRequest r : requests) {
            HttpResponse<String> answer = send(r);
            assertThat(answer.headers().firstValue("Content-Type")).as(r.toString()).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            assertThat(answer.headers().firstValue("Cache-Control")).as(r.toString()).hasValue("no-store");
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(r.toString()).hasValue("nosniff");
        }
    }

    @Test
    void whatJettyRefusesBeforeRoutingIsNotStoredNorSniffedEither() throws IOException {
        String answer = raw("GET /v1/calls HTTP/1.1\r\nHost: localhost\r\nX: " + "x".repeat(64 * 1024) + "\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 431").contains("Cache-Control: no-store", "X-Content-Type-Options: nosniff");
    }

    @Test
    void headOnADecisionNeedsATokenAsGetDoes() {
        HttpResponse<String> without = send(api.request("/v1/decisions/" + decision).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        HttpResponse<String> with = send(api.request("/v1/decisions/" + decision).header("Authorization", "Bearer " + token).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        HttpResponse<String> get = send(api.request("/v1/decisions/" + decision).header("Authorization", "Bearer " + token).GET().build());
        assertThat(without.statusCode()).isEqualTo(401);
        assertThat(with.statusCode()).isEqualTo(200);
        assertThat(with.body()).isEmpty();
        assertThat(with.headers().firstValue("Content-Type")).isEqualTo(get.headers().firstValue("Content-Type"));
        assertThat(send(api.request("/v1/decisions/01JD0000000000000000000000").header("Authorization", "Bearer " + token).method("HEAD", HttpRequest.BodyPublishers.noBody()).build())
                .statusCode()).isEqualTo(404);
    }

    @Test
    void headSendsTheHeadersOfGetAndNoBodyOnAConnectionThatStaysUsable() throws IOException {
        String get = raw("GET /v1/calls HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        // A HEAD then a GET on one connection: were a body sent after the HEAD, it would be read as the GET's answer.
        String both = raw("HEAD /v1/calls HTTP/1.1\r\nHost: localhost\r\n\r\nGET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        String head = both.substring(0, both.indexOf("\r\n\r\n") + 4);
        String next = both.substring(head.length());
        assertThat(head).startsWith("HTTP/1.1 200").contains("Content-Type: application/json", "Content-Length: " + contentLength(get));
        assertThat(next).startsWith("HTTP/1.1 ").contains("\"status\"");
    }

    @Test
    void headIsCountedAsHeadInTheMetrics() {
        for (int i = 0; i < 3; i++) send(api.request("/v1/calls").method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        String metrics = api.get("/metrics").body();
        assertThat(metrics.lines().filter(l -> l.startsWith("http_server_requests_seconds_count") && l.contains("method=\"HEAD\"")
                && l.contains("route=\"/v1/calls\"")).findFirst()).as(metrics).hasValueSatisfying(l -> assertThat(l).endsWith(" 3"));
    }

    private static String contentLength(String answer) {
        return answer.lines().filter(l -> l.startsWith("Content-Length: ")).findFirst().orElseThrow().substring("Content-Length: ".length());
    }

    private static HttpResponse<String> send(HttpRequest r) {
        try {
            return api.client.send(r, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends the bytes as they are and reads until the server closes. */
    private static String raw(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", api.base.getPort())) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
