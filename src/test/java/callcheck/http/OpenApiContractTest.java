package callcheck.http;

import callcheck.examples.Example;
import callcheck.examples.RoundExample;
import callcheck.engine.CompileError;
import callcheck.support.HangingPack;
import callcheck.support.Packs;
import callcheck.support.ProposalJson;
import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps /openapi.json true: real requests to every endpoint and the server's real responses, good and bad, are
 * validated against the description the server serves, by a validator library.
 */
class OpenApiContractTest {
    private static final String EVALUATE = "/v1/calls/507/evaluations";
    private static final String ROUNDS = "/v1/calls/507/rounds";
    private static TestServer api;
    private static OpenApiInteractionValidator validator;

    @BeforeAll
    static void start() {
        api = TestServer.start();
        api.server.examples(Packs.EXAMPLES);
        TestServer.Response spec = api.get("/openapi.json");
        assertThat(spec.status()).isEqualTo(200);
        validator = OpenApiInteractionValidator.createForInlineApiSpecification(spec.body())
                // every finding of the validator fails the test, not only those it counts as errors by default
                .withLevelResolver(LevelResolver.create().withDefaultLevel(ValidationReport.Level.ERROR).build())
                .build();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    /** One exchange: the request as sent (validated too, unless the test sends a bad one on purpose) and the answer. */
    private record Exchange(String name, String method, String pathAndQuery, String contentType, String body, boolean validRequest,
                            TestServer server, String token, String accept) {
        static Exchange get(String pathAndQuery) {
            return new Exchange("GET " + pathAndQuery, "GET", pathAndQuery, null, null, true, api, null, null);
        }

        static Exchange post(String name, String pathAndQuery, String body) {
            return new Exchange(name, "POST", pathAndQuery, "application/json", body, true, api, null, null);
        }

        Exchange badRequest() {
            return new Exchange(name, method, pathAndQuery, contentType, body, false, server, token, accept);
        }

        Exchange contentType(String type) {
            return new Exchange(name, method, pathAndQuery, type, body, validRequest, server, token, accept);
        }

        Exchange on(TestServer other) {
            return new Exchange(name, method, pathAndQuery, contentType, body, validRequest, other, token, accept);
        }

        /** Sent with Authorization: Bearer token. */
        Exchange token(String t) {
            return new Exchange(name, method, pathAndQuery, contentType, body, validRequest, server, t, accept);
        }

        Exchange accept(String type) {
            return new Exchange(name, method, pathAndQuery, contentType, body, validRequest, server, token, type);
        }
    }

    private static List<Exchange> exchanges() {
        List<Exchange> x = new ArrayList<>();
        for (Example e : Example.all(Packs.EXAMPLES)) {
            String q = e.expected().version() == null ? "" : "?version=" + e.expected().version();
            x.add(Exchange.post("evaluate example " + e.call() + "/" + e.name(), "/v1/calls/" + e.call() + "/evaluations" + q,
                    new String(e.proposal(), StandardCharsets.UTF_8)));
        }
        for (RoundExample e : RoundExample.all(Packs.EXAMPLES)) {
            x.add(Exchange.post("round example " + e.call() + "/" + e.name(), "/v1/calls/" + e.call() + "/rounds",
                    new String(e.httpBody(), StandardCharsets.UTF_8)));
        }
        String round = "{\"proposals\":[{\"id\":\"a\",\"proposal\":" + good().text() + "},{\"id\":\"b\",\"proposal\":"
                + good().set("financing.amif", 30000).text() + "}],\"selected\":[\"a\",\"b\"],\"scores\":{\"a\":7.5}}";
        x.add(Exchange.post("round with an ineligible proposal and a score missing", ROUNDS, round));
        x.add(Exchange.post("round, 400 duplicate ids", ROUNDS, round.replace("\"id\":\"b\"", "\"id\":\"a\"")));
        x.add(Exchange.post("round, 400 unknown field", ROUNDS, round.replace("\"selected\"", "\"chosen\"")).badRequest());
        x.add(Exchange.post("round, 404 unknown decision", ROUNDS, "{\"proposals\":[{\"id\":\"a\",\"decisionId\":\"01JD\"}]}"));
        x.add(Exchange.post("round, 404 unknown call", "/v1/calls/0/rounds", round));
        x.add(Exchange.post("round, 415 not JSON", ROUNDS, round).contentType("text/plain").badRequest());
        String version = Packs.engine().packs().versions("507").get(0).version();
        x.add(Exchange.post("evaluate, pinned version", EVALUATE + "?version=" + version, good().text()));
        x.add(Exchange.post("evaluate, ineligible with values", EVALUATE, good().set("financing.amif", 30000).set("submittedOn", "2020-10-20").text()));
        x.add(Exchange.post("evaluate, incomplete with missing facts", EVALUATE, good().remove("financing").remove("commitments").text()));
        x.add(Exchange.post("evaluate, a finding that rests on an assumption", EVALUATE,
                good().json("coApplicants", "[]").json("partners", "[]").text()));
        x.add(Exchange.get("/v1/calls"));
        x.add(Exchange.get("/v1/calls/507"));
        x.add(Exchange.get("/v1/calls/507/rules"));
        x.add(Exchange.get("/v1/calls/507/rules?version=" + version));
        List<String> versions426 = Packs.engine().packs().versions("426").stream().map(p -> p.version()).toList();
        x.add(Exchange.get("/v1/calls/426/diff?from=" + versions426.get(0) + "&to=" + versions426.get(versions426.size() - 1)));
        x.add(Exchange.get("/v1/reference/regions?date=2024-06-01"));
        x.add(Exchange.get("/health"));
        x.add(Exchange.get("/health/live"));
        x.add(Exchange.get("/health/ready"));
        x.add(Exchange.get("/openapi.json"));
        x.add(Exchange.get("/metrics"));
        // Errors: the answers must match the description even when the request does not.
        x.add(Exchange.post("400 unknown field", EVALUATE, good().set("extra", 1).text()).badRequest());
        x.add(Exchange.post("400 malformed", EVALUATE, "{").badRequest());
        x.add(Exchange.post("400 unknown parameter", EVALUATE + "?verison=1", good().text()).badRequest());
        x.add(Exchange.post("404 unknown call", "/v1/calls/0/evaluations", good().text()));
        x.add(Exchange.post("404 unknown version", EVALUATE + "?version=1999-01-01", good().text()));
        x.add(Exchange.get("/v1/calls/0"));
        x.add(Exchange.get("/v1/calls/0/rules"));
        x.add(Exchange.get("/v1/calls/507/rules?version=1999-01-01"));
        x.add(Exchange.get("/v1/calls/507/diff?from=" + version + "&to=1999-01-01"));
        x.add(Exchange.get("/v1/calls/507/diff?from=" + version).badRequest());
        x.add(Exchange.post("413 too large", EVALUATE, good().set("title", "x".repeat(RequestChecks.MAX_BODY_BYTES)).text()).badRequest());
        x.add(Exchange.post("415 not JSON", EVALUATE, good().text()).contentType("text/plain").badRequest());
        return x;
    }

    private static ProposalJson good() {
        return ProposalJson.from("507/eligible-tielt-pittem.json");
    }

    @TestFactory
    Stream<DynamicTest> everyEndpointsRequestsAndResponsesMatchTheDescription() {
        return exchanges().stream().map(x -> DynamicTest.dynamicTest(x.name(), () -> assertValid(x)));
    }

    /** The decision endpoints, on a server that records in an embedded store, with their answers good and bad. */
    @TestFactory
    Stream<DynamicTest> theDecisionRecordsMatchTheDescription(@org.junit.jupiter.api.io.TempDir java.nio.file.Path data) {
        callcheck.store.DecisionStore store = callcheck.store.DecisionStore.open(null, data);
        String token = store.addToken("contract");
        TestServer recording = TestServer.start(Packs.engine(), store, false);
        recording.server.keepInputsDays(30).contact("privacy@example.be");
        String id = recording.postJson(EVALUATE, good().text(), token).json().get("decisionId").asText();
        recording.postJson("/v1/calls/426/evaluations", ProposalJson.from("426/eligible-at-25-percent.json").text());
        String cursor = recording.get("/v1/decisions?limit=1", token).json().get("next").asText();
        String version = Packs.engine().packs().versions("426").get(1).version();
        String id426 = recording.get("/v1/decisions?call=426", token).json().get("decisions").get(0).get("decisionId").asText();
        String roundBody = "{\"proposals\":[{\"id\":\"a\",\"proposal\":" + good().text() + "},{\"id\":\"b\",\"decisionId\":\"" + id
                + "\"}],\"selected\":[\"a\"],\"scores\":{\"a\":2,\"b\":1}}";
        String roundId = recording.postJson(ROUNDS, roundBody, token).json().get("roundId").asText();
        List<Exchange> x = new ArrayList<>();
        x.add(Exchange.get("/v1/calls")); // what is kept, for how long, whom to ask: all given
        x.add(Exchange.post("evaluate, recorded, with a token", EVALUATE, good().text()).token(token));
        x.add(Exchange.post("round, recorded", ROUNDS, roundBody).token(token));
        x.add(Exchange.get("/v1/rounds/" + roundId).token(token));
        x.add(Exchange.get("/v1/rounds/01JD0000000000000000000000").token(token));
        x.add(Exchange.get("/v1/rounds/" + roundId).badRequest()); // no token: 401
        x.add(Exchange.post("evaluate, recorded, 401 with an unknown token", EVALUATE, good().text()).token("cc_unknown"));
        x.add(Exchange.get("/v1/decisions/" + id).token(token));
        x.add(Exchange.get("/v1/decisions/01JD0000000000000000000000").token(token));
        x.add(Exchange.get("/v1/decisions/" + id).token("cc_unknown"));
        x.add(Exchange.get("/v1/decisions").token(token));
        x.add(Exchange.get("/v1/decisions?limit=1").token(token));
        x.add(Exchange.get("/v1/decisions?limit=1&after=" + cursor + "&call=507&version=2020-07-14&verdict=ELIGIBLE&from=2020-01-01&to=2999-01-01T00:00:00Z").token(token));
        x.add(Exchange.get("/v1/decisions?after=garbage").token(token));
        x.add(Exchange.get("/v1/decisions?limit=5000").token(token).badRequest());
        x.add(Exchange.get("/v1/decisions").badRequest()); // no token: 401
        x.add(Exchange.post("replay", "/v1/decisions/" + id + "/replay", null).token(token));
        x.add(Exchange.post("replay on another version", "/v1/decisions/" + id426 + "/replay?version=" + version, null).token(token));
        x.add(Exchange.post("replay, unknown digest", "/v1/decisions/" + id + "/replay?digest=sha256:00", null).token(token));
        x.add(Exchange.post("impact of a version", "/v1/calls/426/impact?version=" + version + "&limit=1", null).token(token));
        x.add(Exchange.post("impact, unknown version", "/v1/calls/426/impact?version=2099-01-01", null).token(token));
        x.add(Exchange.get("/v1/decisions/export?call=507").token(token).accept("application/x-ndjson"));
        x.add(Exchange.get("/v1/decisions/export").token(token).accept("text/csv"));
        x.add(Exchange.get("/v1/decisions/export").token(token).accept("text/html").badRequest());
        String portal = store.addToken("portal", java.util.Set.of(callcheck.store.TokenScope.EVALUATE));
        String reader = store.addToken("reader", java.util.Set.of(callcheck.store.TokenScope.READ));
        x.add(Exchange.get("/v1/decisions/" + id).token(portal)); // 403 forbidden: no read
        x.add(Exchange.get("/v1/rounds/" + roundId).token(portal));
        x.add(Exchange.post("replay, 403 without read", "/v1/decisions/" + id + "/replay", null).token(portal));
        x.add(Exchange.get("/v1/decisions").token(portal));
        x.add(Exchange.get("/v1/decisions/export").token(reader)); // 403 forbidden: no export
        return Stream.concat(x.stream().map(e -> DynamicTest.dynamicTest(e.name(), () -> assertValid(e.on(recording)))),
                Stream.of(DynamicTest.dynamicTest("stop", () -> {
                    recording.close();
                    store.close();
                })));
    }

    /** Idempotency-Key: the first answer, its replay (with Idempotent-Replayed), the 422 and a store_timeout 503. */
    @Test
    void idempotentAnswersMatchTheDescription(@org.junit.jupiter.api.io.TempDir java.nio.file.Path data) throws Exception {
        callcheck.store.DecisionStore store = callcheck.store.DecisionStore.open(null, data);
        try (TestServer recording = TestServer.start(Packs.engine(), store, false)) {
            String round = "{\"proposals\":[{\"id\":\"a\",\"proposal\":" + good().text() + "}]}";
            List<String[]> sent = List.of(new String[]{EVALUATE, good().text(), "k1"}, new String[]{EVALUATE, good().text(), "k1"},
                    new String[]{EVALUATE, good().set("title", "other").text(), "k1"}, new String[]{ROUNDS, round, "k2"},
                    new String[]{ROUNDS, round, "k2"}, new String[]{EVALUATE, good().text(), "x".repeat(101)});
            List<Integer> statuses = new ArrayList<>();
            for (String[] s : sent) statuses.add(validateWithKey(recording, s[0], s[1], s[2]));
            assertThat(statuses).containsExactly(200, 200, 422, 200, 200, 400);
            java.util.concurrent.CountDownLatch release = callcheck.store.StoreFaults.stallWrites(store, new java.util.concurrent.CountDownLatch(1));
            try {
                assertThat(validateWithKey(recording, EVALUATE, good().text(), "k3")).isEqualTo(503);
            } finally {
                release.countDown();
            }
        } finally {
            store.close();
        }
    }

    private static int validateWithKey(TestServer server, String path, String body, String key) throws Exception {
        java.net.http.HttpResponse<String> r = server.client.send(server.request(path).header("Content-Type", "application/json")
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        SimpleResponse.Builder response = SimpleResponse.Builder.status(r.statusCode()).withBody(r.body()).withContentType("application/json");
        r.headers().firstValue("Idempotent-Replayed").ifPresent(v -> response.withHeader("Idempotent-Replayed", v));
        SimpleRequest request = SimpleRequest.Builder.post(path).withContentType("application/json").withHeader("Idempotency-Key", key)
                .withBody(body).build();
        ValidationReport report = r.statusCode() == 400 ? validator.validateResponse(path, Request.Method.POST, response.build())
                : validator.validate(request, response.build());
        assertThat(report.getMessages()).as(path + " answered " + r.statusCode() + ": " + r.body()).isEmpty();
        return r.statusCode();
    }

    @Test
    void aThrottledTokenMatchesTheDescription(@org.junit.jupiter.api.io.TempDir java.nio.file.Path data) {
        try (callcheck.store.DecisionStore store = callcheck.store.DecisionStore.open(null, data);
             TestServer recording = TestServer.start(Packs.engine(), store, false)) {
            for (int i = 0; i < TokenThrottle.MAX_FAILURES; i++) assertThat(recording.get("/v1/decisions", "cc_guess").status()).isEqualTo(401);
            assertValid(Exchange.get("/v1/decisions").token("cc_guess").on(recording));
            assertValid(Exchange.get("/v1/decisions/export").token("cc_guess").on(recording));
            assertValid(Exchange.post("evaluate, 429", EVALUATE, good().text()).token("cc_guess").on(recording));
            assertThat(recording.get("/v1/decisions", "cc_guess").status()).isEqualTo(429);
        }
    }

    @Test
    void healthWithAFailedFolderMatchesTheDescription() {
        Map<String, List<CompileError>> failed = Map.of("999/2020-01-01", List.of(new CompileError("999/2020-01-01/a.drl", 3, 7, "no such field")));
        try (TestServer degraded = TestServer.start(Packs.engine(), failed)) {
            assertValid(Exchange.get("/health").on(degraded));
            assertValid(Exchange.get("/health/ready").on(degraded));
        }
    }

    @Test
    void healthNotReadyMatchesTheDescription() {
        try (TestServer notReady = TestServer.start(new callcheck.evaluation.PackEngine(new callcheck.evaluation.PackSet(List.of(), null)), Map.of())) {
            assertThat(notReady.get("/health/ready").status()).isEqualTo(503);
            assertValid(Exchange.get("/health").on(notReady));
            assertValid(Exchange.get("/health/ready").on(notReady));
        }
    }

    @Test
    void anInternalErrorMatchesTheDescription() {
        try (TestServer faulty = TestServer.start(FaultyPack.engine(), Map.of())) {
            String body = good().set("submittedOn", FaultyPack.DAY).text();
            assertValid(Exchange.post("500", "/v1/calls/" + FaultyPack.CALL + "/evaluations", body).on(faulty));
        }
    }

    @Test
    void anEvaluationTimeoutAndTheDegradedHealthMatchTheDescription() {
        try (TestServer hanging = TestServer.start(HangingPack.engine(HangingPack.limits(java.time.Duration.ofMillis(100))), Map.of())) {
            String body = good().set("submittedOn", "2020-01-02").set("title", "SLEEP").text();
            assertValid(Exchange.post("503 evaluation_timeout", "/v1/calls/" + HangingPack.CALL + "/evaluations", body).on(hanging));
            assertValid(Exchange.get("/health").on(hanging));
            assertThat(hanging.get("/health").json().get("status").asText()).isEqualTo(Health.DEGRADED);
        }
    }

    @Test
    void theValidatorRefusesAnAnswerTheDescriptionDoesNotAllow() {
        // Guards the guard: a verdict with a field the description lacks, or without one it requires, must fail.
        String verdict = api.postJson(EVALUATE, good().text()).body();
        assertThat(responseReport("POST", EVALUATE, 200, verdict.replaceFirst("\\{", "{\"extra\":1,")).hasErrors()).isTrue();
        assertThat(responseReport("POST", EVALUATE, 200, verdict.replaceFirst("\"verdict\":\"ELIGIBLE\",", "")).hasErrors()).isTrue();
        assertThat(responseReport("POST", EVALUATE, 200, verdict).hasErrors()).isFalse();
        assertThat(requestReport(good().set("budget", 1).text()).hasErrors()).isTrue();
        assertThat(requestReport(good().set("applicant.kind", "CITY").text()).hasErrors()).isTrue();
        assertThat(requestReport(good().text()).hasErrors()).isFalse();
    }

    private static ValidationReport requestReport(String body) {
        return validator.validateRequest(SimpleRequest.Builder.post(EVALUATE).withContentType("application/json").withBody(body).build());
    }

    private static void assertValid(Exchange x) {
        HttpRequest.Builder b = x.server().request(x.pathAndQuery());
        if (x.method().equals("POST") && x.body() == null) {
            b.POST(HttpRequest.BodyPublishers.noBody());
        } else if (x.method().equals("POST")) {
            b.POST(HttpRequest.BodyPublishers.ofString(x.body(), StandardCharsets.UTF_8)).header("Content-Type", x.contentType());
        } else {
            b.GET();
        }
        if (x.token() != null) b.header("Authorization", "Bearer " + x.token());
        if (x.accept() != null) b.header("Accept", x.accept());
        TestServer.Response r = x.validRequest() ? x.server().send(b.build()) : x.server().sendMayBeRefusedEarly(b.build());
        assertThat(r.status()).as(x.name() + ": " + r.body()).isNotEqualTo(0);

        URI uri = URI.create(x.pathAndQuery());
        SimpleRequest.Builder request = new SimpleRequest.Builder(x.method(), uri.getPath());
        if (uri.getQuery() != null) {
            for (String pair : uri.getQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                request.withQueryParam(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        if (x.body() != null) request.withContentType(x.contentType()).withBody(x.body());
        if (x.token() != null) request.withAuthorization("Bearer " + x.token());
        if (x.accept() != null) request.withAccept(x.accept());
        SimpleResponse.Builder response = SimpleResponse.Builder.status(r.status()).withBody(r.body());
        if (r.contentType() != null) response.withContentType(r.contentType());

        ValidationReport report = x.validRequest()
                ? validator.validate(request.build(), response.build())
                : validator.validateResponse(uri.getPath(), Request.Method.valueOf(x.method()), response.build());
        assertThat(report.getMessages()).as(x.name() + " answered " + r.status() + ": " + r.body()).isEmpty();
    }

    private static ValidationReport responseReport(String method, String path, int status, String body) {
        return validator.validateResponse(path, Request.Method.valueOf(method),
                SimpleResponse.Builder.status(status).withContentType("application/json").withBody(body).build());
    }
}
