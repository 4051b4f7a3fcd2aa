package callcheck.http;

import callcheck.store.DecisionStore;
import callcheck.store.TokenScope;
import callcheck.support.Packs;
import callcheck.support.ProposalJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Least privilege (../shared/API.md "Production semantics"): each endpoint needs its scope, a known token without it
 * is 403 forbidden naming the scope; failed tokens from one address are throttled with 429 and Retry-After.
 */
class TokenScopesTest {
    static final String EVALUATE_507 = "/v1/calls/507/evaluations";

    @TempDir
    Path data;
    DecisionStore store;
    TestServer api;
    String decisionId;
    String roundId;

    @BeforeEach
    void start() {
        store = DecisionStore.open(null, data);
        api = TestServer.start(Packs.engine(), store, false);
        TestServer.Response evaluated = api.postJson(EVALUATE_507, proposal());
        assertThat(evaluated.status()).as(evaluated.body()).isEqualTo(200);
        decisionId = evaluated.json().get("decisionId").asText();
        TestServer.Response round = api.postJson("/v1/calls/507/rounds", "{\"proposals\":[{\"id\":\"a\",\"decisionId\":\"" + decisionId + "\"}]}");
        assertThat(round.status()).as(round.body()).isEqualTo(200);
        roundId = round.json().get("roundId").asText();
    }

    @AfterEach
    void stop() {
        api.close();
        store.close();
    }

    private static String proposal() {
        return ProposalJson.from("507/eligible-tielt-pittem.json").text();
    }

    private TestServer.Response read(String what, String token) {
        return switch (what) {
            case "replay" -> api.send(api.request("/v1/decisions/" + decisionId + "/replay").header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.noBody()).build());
            case "list" -> api.get("/v1/decisions", token);
            case "show" -> api.get("/v1/decisions/" + decisionId, token);
            case "round" -> api.get("/v1/rounds/" + roundId, token);
            case "export" -> api.get("/v1/decisions/export", token);
            default -> throw new IllegalArgumentException(what);
        };
    }

    private static void assertForbidden(TestServer.Response r, String scope) {
        assertThat(r.status()).as(r.body()).isEqualTo(403);
        assertThat(r.error().get("code").asText()).isEqualTo("forbidden");
        assertThat(r.error().get("message").asText()).contains("'" + scope + "'");
    }

    @Test
    void a_token_reads_what_its_scopes_allow_and_gets_403_naming_the_scope_for_the_rest() {
        String reader = store.addToken("auditor", Set.of(TokenScope.READ));
        for (String what : new String[] {"show", "list", "replay", "round"}) {
            assertThat(read(what, reader).status()).as(what).isEqualTo(200);
        }
        assertForbidden(read("export", reader), "export");

        String exporter = store.addToken("archive", Set.of(TokenScope.EXPORT));
        TestServer.Response export = read("export", exporter);
        assertThat(export.status()).as(export.body()).isEqualTo(200);
        assertThat(export.body()).contains(decisionId);
        for (String what : new String[] {"show", "list", "replay", "round"}) assertForbidden(read(what, exporter), "read");

        String portal = store.addToken("ocmw-portal", Set.of(TokenScope.EVALUATE));
        for (String what : new String[] {"show", "list", "replay", "round"}) assertForbidden(read(what, portal), "read");
        assertForbidden(read("export", portal), "export");
    }

    @Test
    void with_require_token_evaluating_needs_the_evaluate_scope() {
        String portal = store.addToken("ocmw-portal", Set.of(TokenScope.EVALUATE));
        String reader = store.addToken("auditor", Set.of(TokenScope.READ, TokenScope.EXPORT));
        String round = "{\"proposals\":[{\"id\":\"a\",\"proposal\":" + proposal() + "}]}";
        try (TestServer strict = TestServer.start(Packs.engine(), store, true)) {
            int before = store.list(callcheck.store.Filter.ALL, null, 100).decisions().size();
            assertForbidden(strict.postJson(EVALUATE_507, proposal(), reader), "evaluate");
            assertForbidden(strict.postJson("/v1/calls/507/rounds", round, reader), "evaluate");
            assertThat(store.list(callcheck.store.Filter.ALL, null, 100).decisions()).hasSize(before); // nothing recorded

            TestServer.Response ok = strict.postJson(EVALUATE_507, proposal(), portal);
            assertThat(ok.status()).as(ok.body()).isEqualTo(200);
            assertThat(store.find(ok.json().get("decisionId").asText()).orElseThrow().askedBy()).isEqualTo("ocmw-portal");
            assertThat(strict.postJson("/v1/calls/507/rounds", round, portal).status()).isEqualTo(200);
        }
        // where no token is required, any known token only names who asked
        TestServer.Response named = api.postJson(EVALUATE_507, proposal(), reader);
        assertThat(named.status()).as(named.body()).isEqualTo(200);
        assertThat(store.find(named.json().get("decisionId").asText()).orElseThrow().askedBy()).isEqualTo("auditor");
    }

    @Test
    void failed_tokens_from_one_address_are_throttled_with_429_and_retry_after_even_for_a_right_token() throws Exception {
        String reader = store.addToken("auditor", Set.of(TokenScope.READ));
        // a 403 is no failed token: a known token without the scope is not throttled
        for (int i = 0; i <= TokenThrottle.MAX_FAILURES; i++) assertForbidden(read("export", reader), "export");
        for (int i = 0; i < TokenThrottle.MAX_FAILURES; i++) {
            assertThat(api.get("/v1/decisions", "cc_guess" + i).status()).as("guess %d", i).isEqualTo(401);
        }
        // from then on the token is not even looked up: a right guess would else show itself by passing
        HttpResponse<String> throttled = HttpClient.newHttpClient().send(api.request("/v1/decisions/" + decisionId)
                .header("Authorization", "Bearer " + reader).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow()))
                .isBetween(1L, TokenThrottle.WINDOW.toSeconds());
        assertThat(new TestServer.Response(throttled.statusCode(), null, throttled.body()).error().get("code").asText()).isEqualTo("too_many_requests");
        assertThat(api.postJson(EVALUATE_507, proposal(), reader).status()).isEqualTo(429);
        // requests without a token are no attempts: they are served as before
        assertThat(api.postJson(EVALUATE_507, proposal()).status()).isEqualTo(200);
        assertThat(api.get("/v1/decisions").status()).isEqualTo(401);
    }

    @Test
    void behind_a_trusted_proxy_failed_tokens_are_counted_per_forwarded_client_and_otherwise_the_header_is_ignored() throws Exception {
        for (int i = 0; i < TokenThrottle.MAX_FAILURES; i++) {
            assertThat(guess("203.0.113.7", i).statusCode()).as("before trusting, guess %d", i).isEqualTo(401);
        }
        // not trusted: the header is ignored, so another forwarded address is throttled as the same connection
        assertThat(guess("198.51.100.9", 0).statusCode()).isEqualTo(429);

        api.close();
        api = TestServer.start(Packs.engine(), store, false);
        api.server.trustProxies(Set.of("127.0.0.1"));
        for (int i = 0; i < TokenThrottle.MAX_FAILURES; i++) {
            assertThat(guess("10.1.1.1, 203.0.113.7", i).statusCode()).as("guess %d", i).isEqualTo(401);
        }
        assertThat(guess("203.0.113.7", 99).statusCode()).as("the same client, through the proxy").isEqualTo(429);
        assertThat(guess("198.51.100.9", 0).statusCode()).as("another client behind the same proxy").isEqualTo(401);
    }

    private HttpResponse<String> guess(String forwardedFor, int i) throws Exception {
        return HttpClient.newHttpClient().send(api.request("/v1/decisions").header("Authorization", "Bearer cc_guess" + i)
                .header("X-Forwarded-For", forwardedFor).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
