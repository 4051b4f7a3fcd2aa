package callcheck.http;

import callcheck.cli.CliRun;
import callcheck.support.Postgres;
import callcheck.support.RulesCopy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three {@code serve} processes on one PostgreSQL database, started together on an empty one, as instances behind a
 * load balancer run: the schema migrated once, and whatever instance a request reaches, it answers as one service
 * would (test pack 908: its second version lowers the subsidy maximum from 10000 to 8000; a round's budget is 20000).
 * The instance killed last, under load, is killed after every other test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path TEST_PACK = Path.of("src/test/resources/packs/replicas/908");
    private static final Path TEST_REFERENCE = Path.of("src/test/resources/library/rules/reference");
    private static final Path MIGRATIONS = Path.of("src/app/resources/db/migration");
    private static final String V2 = "2025-01-01";
    private static final int INSTANCES = 3;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String url;
    private List<ServerProcess> instances;
    /** A token added once, on the command line, with every scope. */
    private String token;

    @BeforeAll
    void startThreeAtOnce(@TempDir Path temp) throws Exception {
        Path rules = temp.resolve("rules");
        RulesCopy.copyTree(TEST_PACK, rules.resolve("908"));
        RulesCopy.copyTree(TEST_REFERENCE, rules.resolve("reference"));
        url = Postgres.server().newDatabase();
        // In parallel: each finds the database empty and migrates it, unless Flyway's lock lets one do it.
        List<CompletableFuture<ServerProcess>> starting = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) starting.add(CompletableFuture.supplyAsync(() -> ServerProcess.serve(rules, "--store", url)));
        instances = new ArrayList<>();
        List<Throwable> failed = new ArrayList<>();
        for (CompletableFuture<ServerProcess> s : starting) {
            try {
                instances.add(s.get(180, TimeUnit.SECONDS));
            } catch (Exception e) {
                failed.add(e);
            }
        }
        assertThat(failed).as("every instance started on the empty database").isEmpty();
        CliRun added = CliRun.of("token", "add", "analyst", "--scope", "evaluate,read,export", "--store", url);
        assertThat(added.exit()).as(added.err()).isZero();
        token = lastWord(added.out());
    }

    @AfterAll
    void stop() {
        if (instances != null) instances.forEach(ServerProcess::close);
    }

    @Test
    @Order(1)
    void the_schema_is_migrated_once_and_all_three_serve() throws Exception {
        List<String> versions = new ArrayList<>();
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .forEach(n -> versions.add(n.substring(1, n.indexOf("__"))));
        }
        Map<String, Integer> applied = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL")) {
            while (rs.next()) {
                assertThat(rs.getBoolean(2)).as("migration %s succeeded", rs.getString(1)).isTrue();
                applied.merge(rs.getString(1), 1, Integer::sum);
            }
        }
        Map<String, Integer> once = new HashMap<>();
        versions.forEach(v -> once.put(v, 1));
        assertThat(applied).as("each migration applied once").isEqualTo(once);
        for (ServerProcess s : instances) {
            assertThat(get(s, "/health/ready").statusCode()).as("%s ready", s.base).isEqualTo(200);
        }
    }

    @Test
    @Order(2)
    void each_instance_reads_lists_replays_and_exports_the_decisions_of_all() throws Exception {
        Map<String, String> titles = new HashMap<>();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < INSTANCES; i++) {
                String title = "Shared " + round + "-" + i;
                titles.put(json(evaluate(instances.get(i), title, 5000 + 1000 * i, null)).get("decisionId").asText(), title);
            }
        }
        for (ServerProcess s : instances) {
            for (Map.Entry<String, String> d : titles.entrySet()) {
                HttpResponse<String> read = get(s, "/v1/decisions/" + d.getKey());
                assertThat(read.statusCode()).as("%s reads %s", s.base, d.getKey()).isEqualTo(200);
                assertThat(json(read).get("proposal").get("title").asText()).isEqualTo(d.getValue());
                HttpResponse<String> replay = post(s, "/v1/decisions/" + d.getKey() + "/replay", null, Map.of());
                assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
                assertThat(json(replay).get("identical").asBoolean()).as("%s replays %s identically", s.base, d.getKey()).isTrue();
            }
            Set<String> listed = new HashSet<>();
            json(get(s, "/v1/decisions?call=908&limit=1000")).get("decisions").forEach(d -> listed.add(d.get("decisionId").asText()));
            assertThat(listed).as("%s lists them", s.base).containsAll(titles.keySet());
            HttpResponse<String> export = client.send(request(s, "/v1/decisions/export?call=908").header("Accept", "application/x-ndjson").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(export.statusCode()).isEqualTo(200);
            Set<String> exported = new HashSet<>();
            for (String line : export.body().split("\n")) if (!line.isBlank()) exported.add(MAPPER.readTree(line).get("decisionId").asText());
            assertThat(exported).as("%s exports them", s.base).containsAll(titles.keySet());
        }
    }

    @Test
    @Order(3)
    void an_idempotency_key_retried_on_another_instance_gives_the_first_answer() throws Exception {
        HttpResponse<String> first = evaluate(instances.get(0), "Retried once", 7000, "retry-1");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        for (ServerProcess other : instances.subList(1, INSTANCES)) {
            HttpResponse<String> again = evaluate(other, "Retried once", 7000, "retry-1");
            assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
            assertThat(again.headers().firstValue(Idempotency.REPLAYED)).as("replayed by %s", other.base).hasValue("true");
            assertThat(again.body()).isEqualTo(first.body());
        }
        assertThat(stored("Retried once")).isEqualTo(1);
        HttpResponse<String> otherBody = evaluate(instances.get(2), "Another body", 7000, "retry-1");
        assertThat(otherBody.statusCode()).isEqualTo(422);
        assertThat(json(otherBody).get("error").get("code").asText()).isEqualTo("idempotency_key_reused");

        // The same key sent to the three at once: one is recorded, all three answer it.
        for (int attempt = 0; attempt < 5; attempt++) {
            String key = "at-once-" + attempt;
            String title = "Sent at once " + attempt;
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
            for (ServerProcess s : instances) {
                sent.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                        return evaluate(s, title, 6000, key);
                    } catch (IOException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            go.countDown();
            Set<String> ids = new HashSet<>();
            for (CompletableFuture<HttpResponse<String>> f : sent) {
                HttpResponse<String> r = f.get(60, TimeUnit.SECONDS);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                ids.add(json(r).get("decisionId").asText());
            }
            assertThat(ids).as("one decisionId for key %s", key).hasSize(1);
            assertThat(stored(title)).as("decisions stored for key %s", key).isEqualTo(1);
        }
    }

    @Test
    @Order(4)
    void a_token_added_once_works_on_all_and_removed_once_works_on_none() throws Exception {
        CliRun added = CliRun.of("token", "add", "auditor", "--scope", "read", "--store", url);
        assertThat(added.exit()).as(added.err()).isZero();
        String auditor = lastWord(added.out());
        for (ServerProcess s : instances) {
            assertThat(get(s, "/v1/decisions?limit=1", auditor).statusCode()).as("%s knows the new token", s.base).isEqualTo(200);
        }
        CliRun removed = CliRun.of("token", "remove", "auditor", "--store", url);
        assertThat(removed.exit()).as(removed.err()).isZero();
        for (ServerProcess s : instances) {
            assertThat(get(s, "/v1/decisions?limit=1", auditor).statusCode()).as("%s forgot the removed token", s.base).isEqualTo(401);
        }
    }

    @Test
    @Order(5)
    void rounds_and_impact_runs_see_the_decisions_of_every_instance() throws Exception {
        Instant from = Instant.now().minusMillis(1);
        List<String> over8000 = new ArrayList<>();
        List<String> under8000 = new ArrayList<>();
        for (ServerProcess s : instances) {
            over8000.add(json(evaluate(s, "Over the new maximum", 9000, null)).get("decisionId").asText());
            under8000.add(json(evaluate(s, "Under both maxima", 4000, null)).get("decisionId").asText());
        }
        // A round on the last instance of the decisions the first two recorded: 9000 + 9000 is within the budget,
        // with the third's 9000 it is not.
        String round = "{\"proposals\":[{\"id\":\"a\",\"decisionId\":\"" + over8000.get(0) + "\"},{\"id\":\"b\",\"decisionId\":\""
                + over8000.get(1) + "\"},{\"id\":\"c\",\"decisionId\":\"" + over8000.get(2) + "\"}],\"selected\":[\"a\",\"b\",\"c\"]}";
        HttpResponse<String> checked = post(instances.get(2), "/v1/calls/908/rounds", round, Map.of());
        assertThat(checked.statusCode()).as(checked.body()).isEqualTo(200);
        JsonNode result = json(checked);
        for (int i = 0; i < INSTANCES; i++) {
            assertThat(result.get("proposals").get(i).get("decisionId").asText()).isEqualTo(over8000.get(i));
            assertThat(result.get("proposals").get(i).get("verdict").asText()).isEqualTo("ELIGIBLE");
        }
        assertThat(result.get("totals").get("subsidy").decimalValue()).isEqualByComparingTo("27000");
        assertThat(result.get("findings").get(0).get("rule").asText()).isEqualTo("908-ROUND-BUDGET");
        assertThat(result.get("proposedSelection").get("ids")).hasSize(2);

        for (ServerProcess s : instances) {
            HttpResponse<String> impact = post(s, "/v1/calls/908/impact?version=" + V2 + "&from=" + from, null, Map.of());
            assertThat(impact.statusCode()).as(impact.body()).isEqualTo(200);
            JsonNode j = json(impact);
            assertThat(j.get("decisions").asLong()).as("decisions %s impact sees", s.base).isEqualTo(2L * INSTANCES);
            // every one changes its financing plan (the maximum is in it); those over 8000 change their verdict
            Set<String> ineligible = new HashSet<>();
            j.get("changedDecisions").forEach(c -> {
                if (c.get("from").asText().equals("ELIGIBLE") && c.get("to").asText().equals("INELIGIBLE")) ineligible.add(c.get("decisionId").asText());
            });
            assertThat(ineligible).as("decisions %s impact finds ineligible on %s", s.base, V2).isEqualTo(new HashSet<>(over8000));
        }
    }

    @Test
    @Order(6)
    void killing_one_instance_under_load_loses_nothing_it_acknowledged() throws Exception {
        ServerProcess killed = instances.get(INSTANCES - 1);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Set<String> acknowledgedByKilled = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger failedOnSurvivors = new AtomicInteger();
        CountDownLatch beforeKill = new CountDownLatch(150);
        CountDownLatch afterKill = new CountDownLatch(50);
        AtomicBoolean killedYet = new AtomicBoolean();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 2 * INSTANCES; c++) {
            ServerProcess s = instances.get(c % INSTANCES);
            Thread t = new Thread(() -> {
                // bounded: a client ends when told, when its instance is gone, or after 3,000 requests
                for (int n = 0; n < 3_000 && !stop.get(); n++) {
                    try {
                        HttpResponse<String> r = evaluate(s, "Under load", 5000, null);
                        if (r.statusCode() == 200) {
                            String id = json(r).get("decisionId").asText();
                            acknowledged.add(id);
                            if (s == killed) acknowledgedByKilled.add(id);
                            beforeKill.countDown();
                            if (killedYet.get()) afterKill.countDown();
                        } else if (s != killed) {
                            failedOnSurvivors.incrementAndGet();
                        }
                    } catch (IOException e) {
                        if (s == killed) return;
                        failedOnSurvivors.incrementAndGet();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "replica-client-" + c);
            t.start();
            clients.add(t);
        }
        assertThat(beforeKill.await(120, TimeUnit.SECONDS)).as("150 decisions answered before the kill").isTrue();
        killed.kill();
        killedYet.set(true);
        assertThat(afterKill.await(120, TimeUnit.SECONDS)).as("the survivors answer after the kill").isTrue();
        stop.set(true);
        for (Thread t : clients) t.join(60_000);

        assertThat(acknowledgedByKilled).as("the killed instance acknowledged some").isNotEmpty();
        assertThat(failedOnSurvivors.get()).as("requests the survivors failed").isZero();
        for (ServerProcess survivor : instances.subList(0, INSTANCES - 1)) {
            for (String id : acknowledged) {
                assertThat(get(survivor, "/v1/decisions/" + id).statusCode()).as("%s reads %s, acknowledged before or after the kill", survivor.base, id)
                        .isEqualTo(200);
            }
        }
    }

    // ---- plumbing

    private HttpResponse<String> evaluate(ServerProcess s, String title, int amif, String idempotencyKey) throws IOException, InterruptedException {
        String proposal = "{\"submittedOn\":\"2024-03-01\",\"title\":\"" + title + "\",\"financing\":{\"totalCost\":20000,\"amif\":" + amif + "}}";
        return post(s, "/v1/calls/908/evaluations", proposal, idempotencyKey == null ? Map.of() : Map.of(Idempotency.HEADER, idempotencyKey));
    }

    private HttpResponse<String> post(ServerProcess s, String path, String body, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = request(s, path);
        headers.forEach(b::header);
        if (body == null) b.POST(HttpRequest.BodyPublishers.noBody());
        else b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(ServerProcess s, String path) throws IOException, InterruptedException {
        return get(s, path, token);
    }

    private HttpResponse<String> get(ServerProcess s, String path, String bearer) throws IOException, InterruptedException {
        return client.send(request(s, path, bearer).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(ServerProcess s, String path) {
        return request(s, path, token);
    }

    private static HttpRequest.Builder request(ServerProcess s, String path, String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(s.base.resolve(path)).timeout(Duration.ofSeconds(30));
        if (bearer != null) b.header("Authorization", "Bearer " + bearer);
        return b;
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isLessThan(500);
        return MAPPER.readTree(r.body());
    }

    /** The decisions stored with this title in their proposal, counted in the database itself. */
    private int stored(String title) throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
             var s = c.prepareStatement("SELECT count(*) FROM decision WHERE proposal LIKE ?")) {
            s.setString(1, "%\"title\":\"" + title + "\"%");
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static String lastWord(String out) {
        String[] words = out.trim().split("\\s+");
        return words[words.length - 1];
    }
}
