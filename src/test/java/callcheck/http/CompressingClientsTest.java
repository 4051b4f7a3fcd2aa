package callcheck.http;

import callcheck.examples.Example;
import callcheck.examples.RoundExample;
import callcheck.store.DecisionStore;
import callcheck.support.Packs;
import callcheck.support.ProposalJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that ask for compression ({@code Accept-Encoding: gzip}, as browsers and Python's requests do) get the same
 * answers as those that do not, on every example and every endpoint; a Content-Length, when sent, is the length of
 * the bytes on the wire. The client here decompresses by itself, so it sees exactly what the server sent.
 */
class CompressingClientsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    @TempDir
    static Path data;
    private static DecisionStore store;
    private static TestServer api;
    private static String token;

    @BeforeAll
    static void start() {
        store = DecisionStore.open(null, data);
        token = store.addToken("tester");
        api = TestServer.start(Packs.engine(), store, false);
    }

    @AfterAll
    static void stop() {
        api.close();
        store.close();
    }

    @TestFactory
    Stream<DynamicTest> everyExampleVerdictIsTheSameCompressedOrNot() {
        return Example.all(Packs.EXAMPLES).stream().map(e -> DynamicTest.dynamicTest(e.call() + "/" + e.name(), () -> {
            String path = "/v1/calls/" + e.call() + "/evaluations" + (e.expected().version() == null ? "" : "?version=" + e.expected().version());
            sameCompressedOrNot(post(path, e.proposal()));
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyExampleRoundIsTheSameCompressedOrNot() {
        return RoundExample.all(Packs.EXAMPLES).stream().map(e -> DynamicTest.dynamicTest(e.call() + "/rounds/" + e.name(),
                () -> sameCompressedOrNot(post("/v1/calls/" + e.call() + "/rounds", e.httpBody()))));
    }

    @Test
    void anAnswerOverTheThresholdIsCompressedAndReadsBackWhole() {
        // An ineligible proposal with many findings: well over the 1.5 KB over which answers are compressed.
        byte[] body = ProposalJson.from("507/eligible-tielt-pittem.json").set("financing.amif", 30000).set("submittedOn", "2020-10-20")
                .remove("commitments").text().getBytes(StandardCharsets.UTF_8);
        Wire gzip = send(post("/v1/calls/507/evaluations", body), true);
        assertThat(gzip.status()).as(gzip.text()).isEqualTo(200);
        assertThat(gzip.compressed()).isTrue();
        assertThat(gzip.body().length).isGreaterThan(1500);
        String id = json(gzip).get("decisionId").asText();
        Wire stored = send(get("/v1/decisions/" + id), true);
        assertThat(stored.status()).isEqualTo(200);
        assertThat(json(stored).get("verdict")).isEqualTo(json(gzip));
    }

    @Test
    void everyReadingEndpointIsTheSameCompressedOrNot() {
        for (int i = 0; i < 3; i++) send(post("/v1/calls/507/evaluations", ProposalJson.from("507/eligible-tielt-pittem.json").text().getBytes(StandardCharsets.UTF_8)), false);
        String decision = json(send(get("/v1/decisions?limit=1"), false)).get("decisions").get(0).get("decisionId").asText();
        byte[] round = RoundExample.all(Packs.EXAMPLES).get(0).httpBody();
        String roundId = json(send(post("/v1/calls/" + RoundExample.all(Packs.EXAMPLES).get(0).call() + "/rounds", round), false)).get("roundId").asText();
        List<String> versions426 = Packs.engine().packs().versions("426").stream().map(p -> p.version()).toList();
        for (String path : List.of("/v1/calls", "/v1/calls/507", "/v1/calls/507/rules", "/v1/reference/regions?date=2024-06-01",
                "/v1/calls/426/diff?from=" + versions426.get(0) + "&to=" + versions426.get(versions426.size() - 1),
                "/v1/decisions", "/v1/decisions/" + decision, "/v1/rounds/" + roundId, "/openapi.json",
                "/", "/calls/507", "/decisions/" + decision, "/web/common.js", "/web/style.css")) {
            Wire plain = send(get(path), false);
            Wire gzip = send(get(path), true);
            assertThat(plain.status()).as(path).isEqualTo(200);
            assertThat(gzip.status()).as(path).isEqualTo(200);
            assertThat(gzip.text()).as(path).isEqualTo(plain.text());
        }
        Wire replay = send(HttpRequest.newBuilder(api.base.resolve("/v1/decisions/" + decision + "/replay")).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()), true);
        assertThat(replay.status()).as(replay.text()).isEqualTo(200);
        Wire metrics = send(get("/metrics"), true);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.compressed()).isTrue();
        assertThat(metrics.text()).contains("http_server_requests_seconds_count");
        Wire openApi = send(get("/openapi.json"), true);
        assertThat(openApi.compressed()).isTrue();
    }

    @Test
    void theStreamedExportIsTheSameCompressedOrNot() {
        byte[] proposal = ProposalJson.from("507/eligible-tielt-pittem.json").text().getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 200; i++) assertThat(send(post("/v1/calls/507/evaluations", proposal), false).status()).isEqualTo(200);
        for (String accept : List.of(Decisions.NDJSON, Decisions.CSV)) {
            Wire plain = send(get("/v1/decisions/export").header("Accept", accept), false);
            Wire gzip = send(get("/v1/decisions/export").header("Accept", accept), true);
            assertThat(plain.status()).as(accept).isEqualTo(200);
            assertThat(gzip.status()).as(accept).isEqualTo(200);
            assertThat(gzip.compressed()).as(accept).isTrue();
            assertThat(plain.text().lines().count()).as(accept).isGreaterThan(200);
            assertThat(gzip.text()).as(accept).isEqualTo(plain.text());
        }
    }

    /** The same request sent plainly and asking for gzip: the same status and the same JSON, but for the ids it makes. */
    private static void sameCompressedOrNot(HttpRequest.Builder request) {
        Wire plain = send(request, false);
        Wire gzip = send(request, true);
        assertThat(plain.status()).as(plain.text()).isEqualTo(200);
        assertThat(gzip.status()).as(gzip.text()).isEqualTo(200);
        assertThat(withoutIds(json(gzip))).isEqualTo(withoutIds(json(plain)));
    }

    private static HttpRequest.Builder post(String path, byte[] body) {
        return api.request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private static HttpRequest.Builder get(String path) {
        return api.request(path).header("Authorization", "Bearer " + token).GET();
    }

    /** What came on the wire, decompressed when the server said it was gzip. */
    record Wire(int status, boolean compressed, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    static Wire send(HttpRequest.Builder request, boolean gzip) {
        try {
            HttpResponse<byte[]> r = api.client.send(request.copy().setHeader("Accept-Encoding", gzip ? "gzip" : "identity").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            r.headers().firstValueAsLong("Content-Length").ifPresent(n -> assertThat(n).as("Content-Length").isEqualTo(r.body().length));
            boolean compressed = r.headers().firstValue("Content-Encoding").map("gzip"::equalsIgnoreCase).orElse(false);
            if (!gzip) assertThat(compressed).isFalse();
            byte[] body = compressed ? new GZIPInputStream(new ByteArrayInputStream(r.body())).readAllBytes() : r.body();
            return new Wire(r.statusCode(), compressed, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(Wire w) {
        try {
            return MAPPER.readTree(w.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + w.status() + "): " + w.text(), e);
        }
    }

    /** The answer without the ids each request makes anew (decision and round ids). */
    private static JsonNode withoutIds(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.remove(List.of("decisionId", "roundId"));
            o.forEach(CompressingClientsTest::withoutIds);
        } else if (node.isArray()) {
            node.forEach(CompressingClientsTest::withoutIds);
        }
        return node;
    }
}
