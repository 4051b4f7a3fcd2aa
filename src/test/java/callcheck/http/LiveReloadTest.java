package callcheck.http;

import callcheck.evaluation.PackEngine;

import callcheck.evaluation.PackSet;
import callcheck.examples.Example;
import callcheck.examples.ExampleResult;
import callcheck.json.Json;
import callcheck.model.ProposalReader;
import callcheck.pack.PackLoader;
import callcheck.pack.RulePack;
import callcheck.reference.ReferenceData;
import callcheck.reload.RulesWatcher;
import callcheck.support.Await;
import callcheck.support.Packs;
import callcheck.support.ProposalJson;
import callcheck.support.RulesCopy;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live reload as a client sees it: the service wired as {@code serve} wires it, over a copy of the rules that the test
 * edits as an analyst would while the service answers.
 */
class LiveReloadTest {
    /** The stream test saves each file in one rename, so the watcher need not wait for an editor's several writes. */
    private static final Duration QUICK_SETTLE = Duration.ofMillis(20);
    private static final int RELOADS = 50;
    private static final int CLIENTS = 3;
    /**
     * Each client's pause between two requests: a steady stream that keeps requests in flight through every reload
     * without taking the CPU the reloads need (the tests may run on two cores).
     */
    private static final Duration CLIENT_PAUSE = Duration.ofMillis(10);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Pinned, so that the pack the tests edit decides whatever versions 507 gets later. */
    private static final String EVALUATIONS = "/v1/calls/507/evaluations?version=2020-07-14";
    private static final String MANIFEST = "507/2020-07-14/pack.yaml";
    private static final String TIMING = "507/2020-07-14/timing.drl";
    /**
     * Moving 507's deadline a week earlier is a valid edit: every example of 507 is submitted on 1 October or on
     * 17 October, so each still gives its expected verdict, and the reload goes in.
     */
    private static final String DEADLINE = "    value: 2020-10-16\n";
    private static final String EARLIER_DEADLINE = "    value: 2020-10-09\n";

    @TempDir
    Path tmp;

    /** The eligible example submitted on the given day. */
    private static String submittedOn(String day) {
        return ProposalJson.from("507/eligible-tielt-pittem.json").set("submittedOn", day).text();
    }

    @Test
    @DisplayName("a saved valid edit changes the verdict the service gives")
    void a_valid_edit_changes_the_verdict_over_http() {
        RulesCopy copy = RulesCopy.into(tmp.resolve("rules"), "507");
        String twelfth = submittedOn("2020-10-12");
        try (TestServer api = TestServer.serve(copy.root(), Packs.EXAMPLES, RulesWatcher.SETTLE)) {
            JsonNode before = evaluate(api, twelfth);
            assertThat(before.get("verdict").asText()).isEqualTo("ELIGIBLE");

            copy.edit(MANIFEST, DEADLINE, EARLIER_DEADLINE);

            JsonNode after = Await.until("the edited deadline to serve (an example of 507 submitted from 10 to 16 October refuses it)",
                    () -> evaluate(api, twelfth),
                    v -> !v.get("digest").equals(before.get("digest")));
            assertThat(after.get("verdict").asText()).isEqualTo("INELIGIBLE");
            assertThat(after.get("findings")).singleElement().satisfies(f -> {
                assertThat(f.get("rule").asText()).isEqualTo("507-DEADLINE");
                assertThat(f.get("values").get("deadline").asText()).isEqualTo("2020-10-09");
            });
            assertThat(after.get("digest").asText()).isEqualTo(copy.load("507", "2020-07-14").digest());
            TestServer.Response health = api.get("/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().get("status").asText()).isEqualTo(Health.READY);
        }
    }

    @Test
    @DisplayName("a saved syntax error leaves the last good verdict, /health says where, and the fix makes it ready")
    void a_broken_edit_keeps_the_previous_verdict_and_health_shows_file_and_line_until_fixed() throws IOException {
        RulesCopy copy = RulesCopy.into(tmp.resolve("rules"), "507");
        String twelfth = submittedOn("2020-10-12");
        try (TestServer api = TestServer.serve(copy.root(), Packs.EXAMPLES, RulesWatcher.SETTLE)) {
            JsonNode before = evaluate(api, twelfth);
            assertThat(api.get("/health").status()).isEqualTo(200);

            copy.edit(TIMING, "submittedOn.isAfter($deadline))", "submittedOn.isAfter($deadline)");

            TestServer.Response broken = Await.until("/health to show the broken file", () -> api.get("/health"), r -> !r.json().get("failures").isEmpty());
            JsonNode health = broken.json();
            // the last good version serves: degraded, and still ready for a load balancer
            assertThat(broken.status()).isEqualTo(200);
            assertThat(health.get("status").asText()).isEqualTo(Health.DEGRADED);
            assertThat(api.get("/health/ready").status()).isEqualTo(200);
            // The broken version, and any later 507 version that extends it (an analyst may add one), no other call's.
            assertThat(health.get("failures")).allSatisfy(f -> assertThat(f.get("call").asText()).isEqualTo("507"));
            assertThat(health.get("failures")).filteredOn(f -> f.get("pack").asText().equals("507/2020-07-14")).singleElement().satisfies(f -> {
                assertThat(f.get("status").asText()).isEqualTo(Health.SERVING_LAST_GOOD);
                assertThat(f.get("errors")).singleElement().satisfies(e -> {
                    assertThat(e.get("file").asText()).isEqualTo(TIMING);
                    // Drools sees the missing parenthesis at the next token, on the line after.
                    assertThat(e.get("line").asInt()).isEqualTo(lineOf(copy.root().resolve(TIMING), "submittedOn.isAfter($deadline)"));
                });
            });
            assertThat(pack507(health).get("status").asText()).isEqualTo(Health.SERVING_LAST_GOOD);
            assertThat(pack507(health).get("digest")).isEqualTo(before.get("digest"));
            assertThat(withoutDecisionId(evaluate(api, twelfth))).isEqualTo(withoutDecisionId(before));

            copy.edit(TIMING, "submittedOn.isAfter($deadline)", "submittedOn.isAfter($deadline))");

            TestServer.Response fixed = Await.until("/health to be ready after the fix", () -> api.get("/health"), r -> r.json().get("failures").isEmpty());
            assertThat(fixed.json().get("status").asText()).isEqualTo(Health.READY);
            assertThat(fixed.json().get("failures")).isEmpty();
            assertThat(pack507(fixed.json()).get("status").asText()).isEqualTo(Health.SERVING);
            // The fixed files are the last good ones again, byte for byte.
            assertThat(pack507(fixed.json()).get("digest")).isEqualTo(before.get("digest"));
            assertThat(withoutDecisionId(evaluate(api, twelfth))).isEqualTo(withoutDecisionId(before));
        }
    }

    @Test
    @DisplayName("requests running through 50 reloads get no error and each answer is wholly one variant's")
    void a_request_stream_through_fifty_reloads_sees_no_error_and_no_half_loaded_pack() throws Exception {
        RulesCopy copy = RulesCopy.into(tmp.resolve("rules"), "507");
        Path manifest = copy.root().resolve(MANIFEST);
        String callsDeadline = Files.readString(manifest);
        String earlierDeadline = callsDeadline.replace(DEADLINE, EARLIER_DEADLINE);
        assertThat(earlierDeadline).isNotEqualTo(callsDeadline);
        List<String> proposals = proposals();

        // What each variant answers, from the engine on the pack compiled directly: digest -> answer per proposal.
        Map<String, List<JsonNode>> expected = new HashMap<>();
        String original = expect(copy, proposals, expected);
        save(manifest, earlierDeadline);
        String earlier = expect(copy, proposals, expected);
        save(manifest, callsDeadline);
        assertThat(expected).hasSize(2);
        assertThat(expected.get(original)).as("the variants must differ in what they answer").isNotEqualTo(expected.get(earlier));

        try (TestServer api = TestServer.serve(copy.root(), Packs.EXAMPLES, QUICK_SETTLE)) {
            Clients clients = new Clients(api, proposals, expected);
            clients.start();
            try {
                for (int i = 0; i < RELOADS; i++) {
                    String next = i % 2 == 0 ? earlier : original;
                    int seen = clients.answered(next);
                    save(manifest, i % 2 == 0 ? earlierDeadline : callsDeadline);
                    Await.until("reload " + (i + 1) + " to serve " + next, () -> servedDigest(api), next::equals);
                    // The clients get answers from each variant before the next reload starts.
                    Await.until("a client to be answered by " + next, () -> clients.answered(next), n -> n > seen);
                }
            } finally {
                clients.stop();
            }

            assertThat(clients.problems).isEmpty();
            assertThat(clients.answered(original)).isPositive();
            assertThat(clients.answered(earlier)).isPositive();
            assertThat(api.get("/health").status()).isEqualTo(200);
        }
    }

    /** Clients posting the proposals in turn until stopped, each answer checked against its digest's expected one. */
    private static final class Clients {
        private final TestServer api;
        private final List<String> proposals;
        private final Map<String, List<JsonNode>> expected;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
        private final AtomicInteger problemCount = new AtomicInteger();
        final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        private final List<Thread> clients = new ArrayList<>();

        Clients(TestServer api, List<String> proposals, Map<String, List<JsonNode>> expected) {
            this.api = api;
            this.proposals = proposals;
            this.expected = expected;
            expected.keySet().forEach(d -> answers.put(d, new AtomicInteger()));
        }

        void start() {
            for (int c = 0; c < CLIENTS; c++) {
                int first = c * proposals.size() / CLIENTS;
                Thread t = new Thread(() -> post(first), "reload-client-" + c);
                clients.add(t);
                t.start();
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread t : clients) t.join();
        }

        int answered(String digest) {
            return answers.get(digest).get();
        }

        private void post(int first) {
            for (int i = first; running.get(); i = (i + 1) % proposals.size()) {
                try {
                    TestServer.Response r = api.postJson(EVALUATIONS, proposals.get(i));
                    if (r.status() != 200) {
                        problem("proposal " + i + ": status " + r.status() + " " + r.body());
                        continue;
                    }
                    JsonNode got = r.json();
                    List<JsonNode> wanted = expected.get(got.path("digest").asText());
                    if (wanted == null) {
                        problem("proposal " + i + ": digest " + got.path("digest") + " is neither variant's");
                    } else if (!withoutDecisionId(got).equals(wanted.get(i))) {
                        problem("proposal " + i + ": " + got + " is not what its pack gives: " + wanted.get(i));
                    } else {
                        answers.get(got.get("digest").asText()).incrementAndGet();
                    }
                } catch (RuntimeException e) {
                    problem("proposal " + i + ": " + e);
                }
                try {
                    Thread.sleep(CLIENT_PAUSE.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private void problem(String what) {
            // Enough to see what went wrong without keeping thousands of answers.
            if (problemCount.incrementAndGet() <= 20) problems.add(what);
        }
    }

    /** Every example of 507 and the eligible one submitted around both deadlines. */
    private static List<String> proposals() {
        List<String> out = new ArrayList<>();
        for (Example e : Example.of(Packs.EXAMPLES.resolve("507"))) out.add(new String(e.proposal(), StandardCharsets.UTF_8));
        for (String day : List.of("2020-10-09", "2020-10-10", "2020-10-12", "2020-10-16")) out.add(submittedOn(day));
        return out;
    }

    /** Compiles the copy's 507 pack as it is on disk, and records what it answers to each proposal; returns its digest. */
    private static String expect(RulesCopy copy, List<String> proposals, Map<String, List<JsonNode>> expected) {
        RulePack pack = copy.load("507", "2020-07-14");
        ReferenceData reference = PackLoader.reference(copy.root());
        PackEngine alone = new PackEngine(new PackSet(List.of(pack), reference));
        for (Example e : Example.of(Packs.EXAMPLES.resolve("507"))) {
            if (!Packs.decidedBy(e, "2020-07-14")) continue; // the gate runs the others on their own versions
            assertThat(ExampleResult.run(alone, e).passed()).as("a variant the examples refuse never serves: %s", e.file()).isTrue();
        }
        List<JsonNode> answers = new ArrayList<>();
        for (String p : proposals) {
            try {
                // Written as the server writes it, read as the clients read it.
                answers.add(withoutDecisionId(MAPPER.readTree(Json.output().writeValueAsString(PackEngine.evaluate(pack, reference, ProposalReader.read(p))))));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        expected.put(pack.digest(), answers);
        return pack.digest();
    }

    /** Saves a file as many editors do: written beside it, then renamed over it in one step. */
    private static void save(Path file, String text) throws IOException {
        Path written = file.resolveSibling("." + file.getFileName() + ".saving");
        Files.writeString(written, text);
        Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static JsonNode evaluate(TestServer api, String proposal) {
        TestServer.Response r = api.postJson(EVALUATIONS, proposal);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static String servedDigest(TestServer api) {
        for (JsonNode v : api.get("/v1/calls/507").json().get("versions")) {
            if (v.get("version").asText().equals("2020-07-14")) return v.get("digest").asText();
        }
        throw new AssertionError("507/2020-07-14 does not serve");
    }

    private static JsonNode pack507(JsonNode health) {
        for (JsonNode p : health.get("packs")) {
            if (p.get("call").asText().equals("507") && p.get("version").asText().equals("2020-07-14")) return p;
        }
        throw new AssertionError("507/2020-07-14 is not in " + health);
    }

    /** The answer without what differs per request. */
    private static JsonNode withoutDecisionId(JsonNode answer) {
        ObjectNode copy = answer.deepCopy();
        copy.remove("decisionId");
        return copy;
    }

    private static int lineOf(Path file, String text) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains(text)) return i + 1;
        throw new AssertionError(text + " not in " + file);
    }
}
