package callcheck.http;

import callcheck.evaluation.PackEngine;

import callcheck.support.Packs;
import callcheck.support.ProposalJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every class of error answers the contract's error body with its status, and nothing of the server's insides. */
class ErrorsTest {
    private static final String EVALUATE = "/v1/calls/507/evaluations";
    private static TestServer api;

    @BeforeAll
    static void start() {
        api = TestServer.start();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static String good() {
        return ProposalJson.from("507/eligible-tielt-pittem.json").text();
    }

    /** Asserts the status and the error body: its code, its field (null: none), and no trace of the implementation. */
    static void assertError(TestServer.Response r, int status, String code, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/json");
        assertNoInternals(r.body());
        JsonNode e = r.error();
        assertThat(e).as(r.body()).isNotNull();
        assertThat(e.get("code").asText()).isEqualTo(code);
        assertThat(e.get("message").asText()).isNotBlank();
        assertThat(e.has("field")).isTrue();
        if (field == null) assertThat(e.get("field").isNull()).as(r.body()).isTrue();
        else assertThat(e.get("field").asText()).isEqualTo(field);
    }

    static void assertNoInternals(String body) {
        assertThat(body).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("callcheck.")
                .doesNotContain("io.javalin").doesNotContain("org.eclipse").doesNotContain("com.fasterxml").doesNotContain("<html");
    }

    @Nested
    @DisplayName("400: the body or a parameter is wrong")
    class BadRequest {
        @Test
        void malformedJson() {
            assertError(api.postJson(EVALUATE, "{\"submittedOn\": "), 400, "malformed_json", null);
        }

        @Test
        void unknownFieldIsNamed() {
            assertError(api.postJson(EVALUATE, ProposalJson.from("507/eligible-tielt-pittem.json").set("financing.vvsq", 1).text()),
                    400, "unknown_field", "financing.vvsq");
        }

        @Test
        void unknownQueryParameterIsNamedSoATypoNeverPasses() {
            assertError(api.postJson(EVALUATE + "?verison=2020-07-14", good()), 400, "unknown_parameter", "verison");
            assertError(api.get("/v1/calls?call=507"), 400, "unknown_parameter", "call");
            assertError(api.get("/v1/calls/507/rules?versions=x"), 400, "unknown_parameter", "versions");
        }

        @Test
        void emptyOrRepeatedVersion() {
            assertError(api.postJson(EVALUATE + "?version=", good()), 400, "invalid_parameter", "version");
            assertError(api.get("/v1/calls/507/rules?version=a&version=b"), 400, "invalid_parameter", "version");
        }
    }

    @Nested
    @DisplayName("404: no such call, version or endpoint")
    class NotFound {
        @Test
        void unknownCall() {
            assertError(api.postJson("/v1/calls/9999/evaluations", good()), 404, "unknown_call", null);
            assertError(api.get("/v1/calls/9999"), 404, "unknown_call", null);
            assertError(api.get("/v1/calls/9999/rules"), 404, "unknown_call", null);
        }

        @Test
        void unknownVersion() {
            assertError(api.postJson(EVALUATE + "?version=1999-01-01", good()), 404, "unknown_version", "version");
            assertError(api.get("/v1/calls/507/rules?version=1999-01-01"), 404, "unknown_version", "version");
        }

        @Test
        void noVersionGovernsTheSubmissionDate() {
            String dayBeforeTheFirstVersion = Packs.engine().packs().versions("507").get(0).manifest().submissions().from().minusDays(1).toString();
            assertError(api.postJson(EVALUATE, ProposalJson.from("507/eligible-tielt-pittem.json").set("submittedOn", dayBeforeTheFirstVersion).text()),
                    404, "no_version_for_date", "submittedOn");
        }

        @Test
        void unknownRoute() {
            assertError(api.get("/v2/calls"), 404, "route_not_found", null);
            assertError(api.get("/nope"), 404, "route_not_found", null);
            assertError(api.postJson("/v1/calls/507/evaluation", good()), 404, "route_not_found", null);
        }
    }

    @Nested
    @DisplayName("405: the endpoint exists, not with that method")
    class MethodNotAllowed {
        @Test
        void wrongMethod() {
            assertError(api.send(api.request(EVALUATE).PUT(HttpRequest.BodyPublishers.ofString(good())).header("Content-Type", "application/json").build()),
                    405, "method_not_allowed", null);
            assertError(api.get(EVALUATE), 405, "method_not_allowed", null);
            assertError(api.postJson("/health", "{}"), 405, "method_not_allowed", null);
            assertError(api.send(api.request("/v1/calls").DELETE().build()), 405, "method_not_allowed", null);
        }
    }

    @Nested
    @DisplayName("413: the body is over 256 KB")
    class TooLarge {
        @Test
        void declaredTooLargeIsRefusedWithoutReadingTheBody() throws IOException {
            // Only the headers are sent: a server that tried to read the ten megabytes would never answer.
            String response = raw("POST " + EVALUATE + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 10000000\r\nConnection: close\r\n\r\n{");
            assertThat(response).startsWith("HTTP/1.1 413");
            assertThat(bodyOf(response)).contains("\"code\":\"body_too_large\"");
        }

        @Test
        void undeclaredTooLargeIsRefusedWhileReading() {
            byte[] big = ProposalJson.from("507/eligible-tielt-pittem.json").set("title", "x".repeat(RequestChecks.MAX_BODY_BYTES)).text()
                    .getBytes(StandardCharsets.UTF_8);
            // A body from a stream is sent chunked, with no Content-Length to check first.
            HttpRequest chunked = api.request(EVALUATE).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))).build();
            assertError(api.send(chunked), 413, "body_too_large", null);
        }

        @Test
        void justUnderTheLimitIsRead() {
            String good = good();
            String padded = good.substring(0, good.length() - 1) + " ".repeat(RequestChecks.MAX_BODY_BYTES - good.length() - 1) + "}";
            assertThat(padded.getBytes(StandardCharsets.UTF_8)).hasSize(RequestChecks.MAX_BODY_BYTES - 1);
            TestServer.Response r = api.postJson(EVALUATE, padded);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
        }
    }

    @Nested
    @DisplayName("415: the body is not JSON in UTF-8")
    class UnsupportedMediaType {
        @ParameterizedTest
        @ValueSource(strings = {"text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "application/json-patch+json", "application/json; charset=iso-8859-1", "application/json; charset=utf-16"})
        void otherContentTypes(String type) {
            assertError(api.post(EVALUATE, type, good().getBytes(StandardCharsets.UTF_8)), 415, "unsupported_media_type", null);
        }

        @Test
        void aCompressedBody() {
            HttpRequest gzip = api.request(EVALUATE).header("Content-Type", "application/json").header("Content-Encoding", "gzip")
                    .POST(HttpRequest.BodyPublishers.ofString(good())).build();
            assertError(api.send(gzip), 415, "unsupported_media_type", null);
        }

        @Test
        void noContentType() {
            assertError(api.post(EVALUATE, null, good().getBytes(StandardCharsets.UTF_8)), 415, "unsupported_media_type", null);
        }

        @Test
        void jsonIsAcceptedWhateverTheCaseOfItsName() {
            assertThat(api.post(EVALUATE, "Application/JSON; Charset=\"utf-8\"", good().getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
        }
    }

    @Nested
    @DisplayName("400 and 431 before the request reaches a route: still the same error body")
    class Malformed {
        @Test
        void aRequestLineThatIsNotHttp() throws IOException {
            String response = raw("GARBAGE\r\n\r\n");
            assertThat(response).startsWith("HTTP/1.1 400");
            assertThat(bodyOf(response)).contains("\"code\":\"bad_request\"");
            assertNoInternals(response);
        }

        @Test
        void anUnknownProtocolVersion() throws IOException {
            String response = raw("GET /health HTTP/7.0\r\n\r\n");
            assertThat(response).startsWith("HTTP/1.1 505");
            assertThat(bodyOf(response)).contains("\"code\":\"http_version_not_supported\"");
            assertNoInternals(response);
        }

        @Test
        void aBadlyEncodedPath() throws IOException {
            String response = raw("GET /v1/calls/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertThat(response).startsWith("HTTP/1.1 400");
            assertThat(bodyOf(response)).contains("\"error\"");
            assertNoInternals(response);
        }

        @Test
        void headersTooLarge() throws IOException {
            String response = raw("GET /health HTTP/1.1\r\nHost: localhost\r\nX-Junk: " + "a".repeat(64 * 1024) + "\r\nConnection: close\r\n\r\n");
            assertThat(response).startsWith("HTTP/1.1 431");
            assertThat(bodyOf(response)).contains("\"code\":\"headers_too_large\"");
        }
    }

    @Nested
    @DisplayName("500: a bug inside answers a decision id, is logged with it, and the service keeps serving")
    class Internal {
        @Test
        void aRuleThatThrows() {
            PackEngine engine = FaultyPack.engine();
            PrintStream err = System.err;
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            TestServer.Response r;
            try (TestServer server = TestServer.start(engine, Map.of())) {
                System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
                try {
                    r = server.postJson("/v1/calls/" + FaultyPack.CALL + "/evaluations", good().replace("2020-10-01", FaultyPack.DAY));
                } finally {
                    System.setErr(err);
                }
                assertThat(r.status()).isEqualTo(500);
                assertNoInternals(r.body());
                assertThat(r.body()).doesNotContain("secret").doesNotContain("999-BUG");
                JsonNode e = r.error();
                assertThat(e.get("code").asText()).isEqualTo("internal_error");
                String id = e.get("decisionId").asText();
                assertThat(e.get("message").asText()).contains(id);
                String logged = log.toString(StandardCharsets.UTF_8);
                assertThat(logged).contains(id).contains("secret detail of a bug").contains("\tat ");

                TestServer.Response after = server.postJson(EVALUATE, good());
                assertThat(after.status()).isEqualTo(200);
                assertThat(after.json().get("verdict").asText()).isEqualTo("ELIGIBLE");
                assertThat(server.get("/health").status()).isEqualTo(200);
            }
        }
    }

    @Test
    @DisplayName("400: a body that ends before its Content-Length is unreadable, not a bug, and the service keeps serving")
    void bodyShorterThanDeclared() throws IOException {
        String response = raw("POST " + EVALUATE + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 500\r\n\r\n{\"title\": \"cut off", true);
        assertThat(response).startsWith("HTTP/1.1 400");
        assertThat(bodyOf(response)).contains("\"code\":\"unreadable\"").contains("Content-Length of 500 bytes");
        assertThat(api.postJson(EVALUATE, ProposalJson.from("507/eligible-tielt-pittem.json").text()).status()).isEqualTo(200);
    }

    /** Sends bytes as they are on a fresh connection and returns everything the server answers until it closes. */
    static String raw(String request) throws IOException {
        return raw(request, false);
    }

    /** As {@link #raw(String)}; {@code endInput}: then closes our side for writing, so the server reads an early end. */
    static String raw(String request, boolean endInput) throws IOException {
        try (Socket s = new Socket("127.0.0.1", api.base.getPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            if (endInput) s.shutdownOutput();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) != -1; ) {
                    out.write(buf, 0, n);
                    if (complete(out.toString(StandardCharsets.ISO_8859_1))) break;
                }
            } catch (java.net.SocketException reset) {
                // the server may close hard after answering; what it answered is what counts
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    /** True once the headers and a body of the declared length are in. */
    private static boolean complete(String response) {
        int end = response.indexOf("\r\n\r\n");
        if (end < 0) return false;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(response.substring(0, end));
        return m.find() && response.length() - end - 4 >= Integer.parseInt(m.group(1));
    }

    private static String bodyOf(String response) {
        int end = response.indexOf("\r\n\r\n");
        return end < 0 ? "" : response.substring(end + 4);
    }

    @Test
    void errorBodiesAreJsonObjectsWithExactlyTheContractsFields() throws IOException {
        JsonNode e = new ObjectMapper().readTree(api.get("/v1/calls/9999").body());
        List<String> names = new ArrayList<>();
        e.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("error");
        names.clear();
        e.get("error").fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("code", "message", "field");
    }
}
