package callcheck.http;

import callcheck.store.Decision;
import callcheck.store.DecisionStore;
import callcheck.store.Filter;
import callcheck.store.StoreFaults;
import callcheck.support.Await;
import callcheck.support.Packs;
import callcheck.support.ProposalJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Safe retries (API.md "Production semantics"): {@code Idempotency-Key} on evaluations and rounds, kept in the store,
 * and 503 {@code store_timeout} when a record's outcome is unknown; run against each store.
 */
abstract class IdempotencyContract {
    static final String EVALUATE_507 = "/v1/calls/507/evaluations";
    static final String ROUNDS_507 = "/v1/calls/507/rounds";
    DecisionStore store;
    TestServer api;
    String token;

    /** A new, empty store. */
    abstract DecisionStore open();

    @BeforeEach
    void start() {
        store = open();
        token = store.addToken("tester");
        api = TestServer.start(Packs.engine(), store, false);
    }

    @AfterEach
    void stop() {
        api.close();
        store.close();
    }

    /** The answer with its Idempotent-Replayed header (null when absent). */
    record Answer(int status, String body, String replayed) {
        TestServer.Response response() {
            return new TestServer.Response(status, "application/json", body);
        }
    }

    HttpRequest post(String path, String body, String key, String bearer) {
        HttpRequest.Builder b = api.request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) b.header("Idempotency-Key", key);
        if (bearer != null) b.header("Authorization", "Bearer " + bearer);
        return b.build();
    }

    Answer send(HttpRequest request) {
        try {
            HttpResponse<String> r = api.client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body(), r.headers().firstValue("Idempotent-Replayed").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    List<Decision> recorded() {
        return store.list(Filter.ALL, null, 100).decisions();
    }

    @Test
    void the_same_key_and_body_answers_the_first_answer_again_byte_for_byte() {
        String body = ProposalJson.from("507/eligible-tielt-pittem.json").text();
        Answer first = send(post(EVALUATE_507, body, "order-4711", null));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.replayed()).isNull();
        Answer again = send(post(EVALUATE_507, body, "order-4711", null));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.replayed()).isEqualTo("true");
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(recorded()).hasSize(1);

        Answer without = send(post(EVALUATE_507, body, null, null));
        assertThat(without.response().json().get("decisionId")).isNotEqualTo(first.response().json().get("decisionId"));
        assertThat(recorded()).hasSize(2);
    }

    @Test
    void the_same_key_with_another_body_or_endpoint_is_a_422_and_decides_nothing() {
        String body = ProposalJson.from("507/eligible-tielt-pittem.json").text();
        assertThat(send(post(EVALUATE_507, body, "k", null)).status()).isEqualTo(200);
        String other = ProposalJson.from("507/eligible-tielt-pittem.json").set("financing.amif", 30000).text();
        String round = "{\"proposals\":[{\"id\":\"a\",\"proposal\":" + body + "}]}";
        for (HttpRequest r : List.of(post(EVALUATE_507, other, "k", null), post(EVALUATE_507 + "?version=2020-07-14", body, "k", null),
                post(ROUNDS_507, round, "k", null))) {
            Answer refused = send(r);
            assertThat(refused.status()).as(r.uri().toString()).isEqualTo(422);
            assertThat(refused.response().error().get("code").asText()).isEqualTo("idempotency_key_reused");
            assertThat(refused.response().error().get("field").asText()).isEqualTo("Idempotency-Key");
        }
        assertThat(recorded()).hasSize(1);
    }

    @Test
    void a_key_is_its_senders_own() {
        String body = ProposalJson.from("507/eligible-tielt-pittem.json").text();
        String other = store.addToken("other-portal");
        Answer anonymous = send(post(EVALUATE_507, body, "k", null));
        Answer tester = send(post(EVALUATE_507, body, "k", token));
        Answer otherPortal = send(post(EVALUATE_507, ProposalJson.from("507/vvsg-and-own-share.json").text(), "k", other));
        assertThat(List.of(anonymous, tester, otherPortal)).allSatisfy(a -> {
            assertThat(a.status()).as(a.body()).isEqualTo(200);
            assertThat(a.replayed()).isNull();
        });
        assertThat(recorded()).hasSize(3);
        assertThat(send(post(EVALUATE_507, body, "k", token)).body()).isEqualTo(tester.body());
    }

    @Test
    void a_key_that_is_not_1_to_100_printable_ascii_characters_is_a_400_naming_the_header() {
        String body = ProposalJson.from("507/eligible-tielt-pittem.json").text();
        for (String key : List.of("", "x".repeat(101), "caf\u00e9", "tab\there")) { // other control characters Jetty refuses itself
            Answer refused = sendRaw(body, key);
            assertThat(refused.status()).as("[" + key + "]").isEqualTo(400);
            assertThat(refused.response().error().get("code").asText()).isEqualTo("invalid_value");
            assertThat(refused.response().error().get("field").asText()).isEqualTo("Idempotency-Key");
        }
        assertThat(send(post(EVALUATE_507, body, "x".repeat(100), null)).status()).isEqualTo(200);
        assertThat(send(post(EVALUATE_507, body, "a key ~!@#$%^&*()", null)).status()).isEqualTo(200);
        assertThat(recorded()).hasSize(2);
    }

    /** Over a plain socket: the JDK client refuses to send some of these header values. */
    private Answer sendRaw(String body, String key) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (Socket s = new Socket(api.base.getHost(), api.base.getPort())) {
            String head = "POST " + EVALUATE_507 + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\n"
                    + "Idempotency-Key: " + key + "\r\nContent-Length: " + bytes.length + "\r\n\r\n";
            s.getOutputStream().write(head.getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().write(bytes);
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(answer.substring(9, 12));
            String rest = answer.substring(answer.indexOf("\r\n\r\n") + 4);
            return new Answer(status, rest.substring(rest.indexOf('{'), rest.lastIndexOf('}') + 1), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void requests_with_one_key_at_once_make_exactly_one_decision_and_all_get_its_answer() {
        String body = ProposalJson.from("507/eligible-tielt-pittem.json").text();
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < 12; i++) sent.add(api.client.sendAsync(post(EVALUATE_507, body, "burst", token), HttpResponse.BodyHandlers.ofString()));
        List<String> bodies = sent.stream().map(CompletableFuture::join).peek(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(200))
                .map(HttpResponse::body).toList();
        assertThat(bodies).containsOnly(bodies.get(0));
        assertThat(recorded()).hasSize(1);
        assertThat(recorded().get(0).id()).isEqualTo(new TestServer.Response(200, null, bodies.get(0)).json().get("decisionId").asText());
    }

    @Test
    void a_round_with_a_key_answers_the_same_round_again() {
        String round = "{\"proposals\":[{\"id\":\"a\",\"proposal\":" + ProposalJson.from("507/eligible-tielt-pittem.json").text() + "}]}";
        Answer first = send(post(ROUNDS_507, round, "round-1", token));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        Answer again = send(post(ROUNDS_507, round, "round-1", token));
        assertThat(again.replayed()).isEqualTo("true");
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(recorded()).as("the round's inline proposal decided once").hasSize(1);
        assertThat(send(post(ROUNDS_507, round.replace("\"a\"", "\"b\""), "round-1", token)).status()).isEqualTo(422);
    }

    @Test
    void a_stalled_store_answers_store_timeout_and_a_retry_with_the_key_gets_the_decision_that_landed() {
        String body = ProposalJson.from("507/eligible-tielt-pittem.json").text();
        CountDownLatch stalled = new CountDownLatch(1);
        CountDownLatch release = StoreFaults.stallWrites(store, stalled);
        Answer timedOut;
        try {
            timedOut = send(post(EVALUATE_507, body, "retry-me", token));
        } finally {
            release.countDown();
        }
        assertThat(timedOut.status()).as(timedOut.body()).isEqualTo(503);
        assertThat(timedOut.response().error().get("code").asText()).isEqualTo("store_timeout");
        assertThat(timedOut.response().error().get("message").asText()).contains("may have been recorded").contains("Idempotency-Key");
        List<Decision> landed = Await.until("the stalled record to land", this::recorded, l -> !l.isEmpty());

        Answer retry = send(post(EVALUATE_507, body, "retry-me", token));
        assertThat(retry.status()).as(retry.body()).isEqualTo(200);
        assertThat(retry.replayed()).isEqualTo("true");
        assertThat(retry.response().json().get("decisionId").asText()).isEqualTo(landed.get(0).id());
        assertThat(retry.body()).isEqualTo(store.find(landed.get(0).id()).orElseThrow().verdictJson());
        assertThat(recorded()).hasSize(1);
    }
}
