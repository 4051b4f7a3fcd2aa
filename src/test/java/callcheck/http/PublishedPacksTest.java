package callcheck.http;

import callcheck.cli.CliRun;
import callcheck.evaluation.EvaluationLimits;
import callcheck.store.DecisionStore;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three instances serving the packs published to one PostgreSQL database ({@code serve --rules-from-store}), as
 * {@code Service.fromStore} runs them in a process each, here in one. Test pack 910: after/ is the version of
 * before/ with the subsidy maximum lowered, so another digest. The instances poll the store only every minute here:
 * what they learn within the test, they learn from PostgreSQL's notifications.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PublishedPacksTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path PACKS = Path.of("src/test/resources/packs/published");
    private static final Path EXAMPLES = PACKS.resolve("examples");
    private static final Path TEST_REFERENCE = Path.of("src/test/resources/library/rules/reference");
    private static final int INSTANCES = 3;
    /** How far ahead the new version is published: more than publishing takes (its gate compiles and runs the examples). */
    private static final Duration LEAD = Duration.ofSeconds(8);
    private static final String PROPOSAL = "{\"submittedOn\":\"2024-03-01\",\"title\":\"Under load\",\"financing\":{\"totalCost\":20000,\"amif\":5000}}";

    private String url;
    private Path before;
    private Path after;
    private String token;
    private final List<TestServer> instances = new ArrayList<>();
    private String oldDigest;
    private String newDigest;

    @BeforeAll
    void publishAndServe(@TempDir Path temp) {
        before = rules(temp.resolve("before"), "before");
        after = rules(temp.resolve("after"), "after");
        url = Postgres.server().newDatabase();
        CliRun published = publish(before);
        assertThat(published.exit()).as(published.out() + published.err()).isZero();
        CliRun added = CliRun.of("token", "add", "auditor", "--scope", "evaluate,read,export", "--store", url);
        assertThat(added.exit()).as(added.err()).isZero();
        String[] words = added.out().trim().split("\\s+");
        token = words[words.length - 1];
        for (int i = 0; i < INSTANCES; i++) {
            // A budget past the default: while the three compile the new version at once, the two cores are theirs, and a
            // warm evaluation may wait past 500 ms (503 evaluation_timeout): this test is about which pack decides.
            instances.add(TestServer.of(Service.fromStore(EvaluationLimits.withBudget(Duration.ofSeconds(10)), DecisionStore.open(url, null), false, null,
                    Duration.ofMinutes(1))));
        }
        oldDigest = callcheck.pack.PackLoader.digest(before, before.resolve("910/2024-01-01"));
        newDigest = callcheck.pack.PackLoader.digest(after, after.resolve("910/2024-01-01"));
        assertThat(newDigest).isNotEqualTo(oldDigest);
    }

    @AfterAll
    void stop() {
        instances.forEach(TestServer::close);
    }

    @Test
    @Order(1)
    void a_version_published_ahead_serves_on_every_instance_from_its_instant_exactly() throws Exception {
        for (TestServer s : instances) assertThat(servedDigest(s)).as("%s serves what was published", s.base).isEqualTo(oldDigest);
        Instant at = Instant.ofEpochMilli(System.currentTimeMillis() + LEAD.toMillis());
        long atMillis = at.toEpochMilli();

        record Answer(int instance, long sent, long answered, String decisionId, String digest) {
        }
        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        AtomicInteger failed = new AtomicInteger();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            int instance = i;
            TestServer s = instances.get(i);
            Thread t = new Thread(() -> {
                // light and bounded: one client per instance, a pause between requests, until 2 s after the instant
                for (int n = 0; n < 2_000 && System.currentTimeMillis() < atMillis + 2_000; n++) {
                    long sent = System.currentTimeMillis();
                    TestServer.Response r = s.postJson("/v1/calls/910/evaluations", PROPOSAL);
                    long answered = System.currentTimeMillis();
                    if (r.status() != 200) {
                        failed.incrementAndGet();
                        continue;
                    }
                    JsonNode v = r.json();
                    answers.add(new Answer(instance, sent, answered, v.get("decisionId").asText(), v.get("digest").asText()));
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "published-client-" + i);
            t.start();
            clients.add(t);
        }
        CliRun published = publish(after, "--activate-at", at.toString());
        long publishedAt = System.currentTimeMillis();
        assertThat(published.exit()).as(published.out() + published.err()).isZero();
        assertThat(publishedAt).as("published before its instant (else raise LEAD)").isLessThan(atMillis);
        for (Thread t : clients) t.join(60_000);

        assertThat(failed.get()).as("requests that failed").isZero();
        List<String> wrong = new ArrayList<>();
        for (Answer a : answers) {
            if (!a.digest().equals(oldDigest) && !a.digest().equals(newDigest)) wrong.add(a + ": a third digest");
            if (a.answered() < atMillis && !a.digest().equals(oldDigest)) wrong.add(a + ": answered before the instant, not with the old digest");
            if (a.sent() >= atMillis && !a.digest().equals(newDigest)) wrong.add(a + ": asked after the instant, not with the new digest");
        }
        assertThat(wrong).as("wrong verdicts").isEmpty();
        for (int i = 0; i < INSTANCES; i++) {
            int instance = i;
            long lastOldAsked = answers.stream().filter(a -> a.instance() == instance && a.digest().equals(oldDigest)).mapToLong(Answer::sent).max()
                    .orElseThrow(() -> new AssertionError("instance " + instance + " answered no verdict of the old digest"));
            long firstNewAnswered = answers.stream().filter(a -> a.instance() == instance && a.digest().equals(newDigest)).mapToLong(Answer::answered).min()
                    .orElseThrow(() -> new AssertionError("instance " + instance + " answered no verdict of the new digest"));
            System.out.printf("instance %d: last verdict of the old digest asked %d ms before the instant, first of the new answered %d ms after it%n",
                    instance, atMillis - lastOldAsked, firstNewAnswered - atMillis);
        }
        System.out.printf("%d verdicts, %d before the instant, %d after; published %d ms before the instant%n", answers.size(),
                answers.stream().filter(a -> a.answered() < atMillis).count(), answers.stream().filter(a -> a.sent() >= atMillis).count(), atMillis - publishedAt);

        // Every decision acknowledged, by whichever instance, every instance exports, with the digest its verdict named.
        Map<String, String> acknowledged = new HashMap<>();
        answers.forEach(a -> acknowledged.put(a.decisionId(), a.digest()));
        for (TestServer s : instances) {
            TestServer.Response export = s.send(s.request("/v1/decisions/export?call=910").header("Authorization", "Bearer " + token)
                    .header("Accept", "application/x-ndjson").GET().build());
            assertThat(export.status()).as(export.body()).isEqualTo(200);
            Map<String, String> exported = new HashMap<>();
            for (String line : export.body().split("\n")) {
                if (line.isBlank()) continue;
                JsonNode d = MAPPER.readTree(line);
                exported.put(d.get("decisionId").asText(), d.get("digest").asText());
            }
            assertThat(exported).as("%s exports every acknowledged decision with its digest", s.base).containsAllEntriesOf(acknowledged);
        }
        for (TestServer s : instances) assertThat(servedDigest(s)).as("%s lists the new digest", s.base).isEqualTo(newDigest);
    }

    @Test
    @Order(2)
    void rollback_and_activate_switch_every_instance_at_once() {
        CliRun back = CliRun.of("rollback", "--store", url, "--call", "910");
        assertThat(back.exit()).as(back.err()).isZero();
        long rolledBack = System.currentTimeMillis();
        long lag = untilAllServe(oldDigest) - rolledBack;
        System.out.printf("rollback: every instance listed the old digest %d ms after the command returned%n", lag);

        CliRun listed = CliRun.of("activations", "--store", url, "--call", "910");
        assertThat(listed.exit()).as(listed.err()).isZero();
        List<String> rows = listed.outLines();
        assertThat(rows).hasSize(4); // the header, two publications, the rollback
        assertThat(rows.get(3)).contains("rollback", "IN FORCE", oldDigest);

        CliRun further = CliRun.of("rollback", "--store", url, "--call", "910");
        assertThat(further.exit()).isEqualTo(2);
        assertThat(further.err()).contains("no earlier activation");

        CliRun activated = CliRun.of("activate", "--store", url, "--call", "910", "--digest", newDigest.substring(0, 20));
        assertThat(activated.exit()).as(activated.err()).isZero();
        long activatedAt = System.currentTimeMillis();
        lag = untilAllServe(newDigest) - activatedAt;
        System.out.printf("activate: every instance listed the new digest %d ms after the command returned%n", lag);

        CliRun unknown = CliRun.of("activate", "--store", url, "--call", "910", "--digest", "sha256:0000");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("no archived pack of call 910");
    }

    @Test
    @Order(3)
    void publish_refuses_a_folder_whose_examples_fail_and_records_nothing(@TempDir Path temp) throws Exception {
        Path examples = temp.resolve("examples");
        RulesCopy.copyTree(EXAMPLES, examples);
        // Within the old maximum, over the new one: the new version refuses it.
        Files.writeString(examples.resolve("910/between.json"), "{\"submittedOn\":\"2024-03-01\",\"title\":\"Between\",\"financing\":{\"totalCost\":20000,\"amif\":9000}}");
        Files.writeString(examples.resolve("910/between.expected.json"), "{\"verdict\":\"ELIGIBLE\",\"findings\":[]}");
        int activations = activations();
        CliRun refused = CliRun.of("publish", "--store", url, "--rules", after.toString(), "--examples", examples.toString(), "--cache", "off");
        assertThat(refused.exit()).as(refused.out()).isEqualTo(1);
        assertThat(refused.err()).contains("nothing published");
        assertThat(activations()).isEqualTo(activations);
    }

    @Test
    @Order(4)
    void the_two_modes_do_not_mix_and_wrong_options_are_refused_plainly(@TempDir Path temp) {
        CliRun both = CliRun.of("serve", "--rules-from-store", "--rules", before.toString(), "--store", url, "--cache", "off");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("give one of the two");
        CliRun nothingPublished = CliRun.of("serve", "--rules-from-store", "--data", temp.resolve("data").toString(), "--cache", "off", "--port", "0");
        assertThat(nothingPublished.exit()).isEqualTo(2);
        assertThat(nothingPublished.err()).contains("no published rules");
        CliRun past = publish(before, "--activate-at", "2020-01-01T00:00:00Z");
        assertThat(past.exit()).isEqualTo(2);
        assertThat(past.err()).contains("is past");
        CliRun notPostgres = CliRun.of("publish", "--store", "jdbc:mysql://127.0.0.1/callcheck", "--rules", before.toString(), "--cache", "off");
        assertThat(notPostgres.exit()).isEqualTo(2);
        assertThat(notPostgres.err()).contains("cannot open the decision store");
    }

    // ---- plumbing

    private static Path rules(Path folder, String which) {
        RulesCopy.copyTree(PACKS.resolve(which), folder);
        RulesCopy.copyTree(TEST_REFERENCE, folder.resolve("reference"));
        return folder;
    }

    private CliRun publish(Path rules, String... more) {
        List<String> args = new ArrayList<>(List.of("publish", "--store", url, "--rules", rules.toString(), "--examples", EXAMPLES.toString(), "--cache", "off"));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static String servedDigest(TestServer s) {
        return s.get("/v1/calls").json().get("calls").get(0).get("versions").get(0).get("digest").asText();
    }

    /**
     * Waits until every instance lists the digest; returns when. Bounded well under the instances' poll (a minute):
     * what switches them here is the notification.
     */
    private long untilAllServe(String digest) {
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            boolean all = true;
            for (TestServer s : instances) all &= servedDigest(s).equals(digest);
            if (all) return System.currentTimeMillis();
            assertThat(System.currentTimeMillis()).as("every instance lists %s", digest).isLessThan(deadline);
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private int activations() throws SQLException {
        try (Connection c = DriverManager.getConnection(url); var s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM activation")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
