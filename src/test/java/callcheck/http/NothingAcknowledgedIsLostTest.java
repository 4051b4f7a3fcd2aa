package callcheck.http;

import callcheck.store.DecisionStore;
import callcheck.support.Postgres;
import callcheck.support.ProposalJson;
import callcheck.support.RulesCopy;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every decision answered 200 is in the store after the server process dies, killed (SIGKILL) or stopped (SIGTERM)
 * while several clients evaluate, on the embedded store and on PostgreSQL; and two processes on one PostgreSQL
 * share their decisions.
 */
class NothingAcknowledgedIsLostTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int CLIENTS = 4;
    /** Decisions answered before the process is stopped: enough that it is stopped mid-stream. */
    private static final int ANSWERED_BEFORE_STOP = 150;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path temp;

    @Test
    void killed_with_sigkill_on_the_embedded_store() throws Exception {
        stopMidStream(true, "--data", temp.resolve("data").toString());
    }

    @Test
    void stopped_with_sigterm_on_the_embedded_store() throws Exception {
        stopMidStream(false, "--data", temp.resolve("data").toString());
    }

    @Test
    void killed_with_sigkill_on_postgresql() throws Exception {
        stopMidStream(true, "--store", Postgres.server().newDatabase());
    }

    @Test
    void stopped_with_sigterm_on_postgresql() throws Exception {
        stopMidStream(false, "--store", Postgres.server().newDatabase());
    }

    private void stopMidStream(boolean kill, String... store) throws Exception {
        Path rules = RulesCopy.into(temp.resolve("rules"), "507").root();
        String token = addToken(store);
        Set<String> answered = ConcurrentHashMap.newKeySet();
        try (ServerProcess first = ServerProcess.serve(rules, store)) {
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch enough = new CountDownLatch(ANSWERED_BEFORE_STOP);
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                Thread t = new Thread(() -> {
                    // bounded: every client ends once the server is gone, or after 5,000 requests
                    for (int n = 0; n < 5_000 && !stop.get(); n++) {
                        try {
                            HttpResponse<String> r = evaluate(first.base, null);
                            if (r.statusCode() == 200) {
                                answered.add(MAPPER.readTree(r.body()).get("decisionId").asText());
                                enough.countDown();
                            }
                        } catch (IOException e) {
                            if (!first.alive()) return;
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                t.start();
                clients.add(t);
            }
            assertThat(enough.await(120, TimeUnit.SECONDS)).as("%d decisions answered", ANSWERED_BEFORE_STOP).isTrue();
            if (kill) first.kill();
            else assertThat(first.terminate()).as("exit code after SIGTERM").isIn(0, 143);
            stop.set(true);
            for (Thread t : clients) t.join(60_000);
        }
        assertThat(answered).hasSizeGreaterThanOrEqualTo(ANSWERED_BEFORE_STOP);
        try (ServerProcess second = ServerProcess.serve(rules, store)) {
            for (String id : answered) {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(second.base.resolve("/v1/decisions/" + id))
                        .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as("decision %s, answered 200 before the stop", id).isEqualTo(200);
            }
            assertThat(evaluate(second.base, null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void two_processes_on_one_postgresql_share_their_decisions() throws Exception {
        String url = Postgres.server().newDatabase();
        Path rules = RulesCopy.into(temp.resolve("rules"), "507").root();
        String token = addToken("--store", url);
        try (ServerProcess a = ServerProcess.serve(rules, "--store", url); ServerProcess b = ServerProcess.serve(rules, "--store", url)) {
            Set<String> ids = ConcurrentHashMap.newKeySet();
            List<Thread> clients = new ArrayList<>();
            for (ServerProcess s : List.of(a, b, a, b)) {
                Thread t = new Thread(() -> {
                    for (int n = 0; n < 50; n++) {
                        try {
                            HttpResponse<String> r = evaluate(s.base, token);
                            assertThat(r.statusCode()).isEqualTo(200);
                            assertThat(ids.add(MAPPER.readTree(r.body()).get("decisionId").asText())).isTrue();
                        } catch (IOException | InterruptedException e) {
                            throw new AssertionError(e);
                        }
                    }
                });
                t.start();
                clients.add(t);
            }
            for (Thread t : clients) t.join(120_000);
            assertThat(ids).hasSize(200);

            String onA = MAPPER.readTree(evaluate(a.base, token).body()).get("decisionId").asText();
            assertThat(get(b.base, "/v1/decisions/" + onA, token).statusCode()).isEqualTo(200);
            assertThat(MAPPER.readTree(get(b.base, "/v1/decisions?limit=1", token).body()).get("decisions").get(0).get("decisionId").asText())
                    .isEqualTo(onA);
            HttpResponse<String> replay = client.send(HttpRequest.newBuilder(b.base.resolve("/v1/decisions/" + onA + "/replay"))
                    .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
            assertThat(MAPPER.readTree(replay.body()).get("identical").asBoolean()).isTrue();
            int listed = 0;
            String next = null;
            do {
                var page = MAPPER.readTree(get(a.base, "/v1/decisions?limit=1000" + (next == null ? "" : "&after=" + next), token).body());
                listed += page.get("decisions").size();
                next = page.get("next").isNull() ? null : page.get("next").asText();
            } while (next != null);
            assertThat(listed).isEqualTo(201);
        }
    }

    private static String addToken(String... store) {
        try (DecisionStore s = store[0].equals("--data") ? DecisionStore.open(null, Path.of(store[1])) : DecisionStore.open(store[1], null)) {
            return s.addToken("checker");
        }
    }

    private HttpResponse<String> evaluate(URI base, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("/v1/calls/507/evaluations")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ProposalJson.from("507/eligible-tielt-pittem.json").text()));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(URI base, String path, String token) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
