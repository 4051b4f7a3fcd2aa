package callcheck.http;

import callcheck.examples.Example;
import callcheck.support.Packs;
import callcheck.support.ProposalJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Many clients evaluating different proposals at once get exactly the answers they get one at a time. */
class ConcurrencyTest {
    private static final int THREADS = 8;
    private static final int ROUNDS = 2;

    /** Proposals that differ in what they decide: every example, and the eligible one with one fact changed each. */
    private static List<String> proposals() {
        List<String> out = new ArrayList<>();
        for (Example e : Example.all(Packs.EXAMPLES)) {
            if (e.call().equals("507") && e.expected().version() == null) out.add(new String(e.proposal(), StandardCharsets.UTF_8));
        }
        for (String amif : List.of("10000", "19999.99", "20000.01", "25000", "40000")) out.add(good().json("financing.amif", amif).text());
        for (String vvsg : List.of("0", "15000", "20000.50")) out.add(good().json("financing.vvsg", vvsg).text());
        for (String own : List.of("39999.99", "60000")) out.add(good().json("financing.own", own).text());
        for (String total : List.of("60000", "100000", "160000")) out.add(good().json("financing.totalCost", total).text());
        for (String day : List.of("2020-07-14", "2020-10-16", "2020-10-17", "2021-03-01")) out.add(good().set("submittedOn", day).text());
        for (String absent : List.of("financing", "commitments", "period", "trajectories", "partners", "applicant", "targetGroups")) {
            out.add(good().remove(absent).text());
        }
        out.add(good().json("coApplicants", "[]").json("partners", "[]").text());
        out.add(good().set("period.end", "2023-01-01").text());
        out.add(good().set("trajectories[0].hoursPerParticipant", 20).text());
        out.add(good().set("trajectories[0].form", "OTHER").text());
        return out;
    }

    private static ProposalJson good() {
        return ProposalJson.from("507/eligible-tielt-pittem.json");
    }

    @Test
    void concurrentEvaluationsGetTheVerdictsTheyGetOneByOne() throws Exception {
        List<String> proposals = proposals();
        try (TestServer api = TestServer.start()) {
            List<JsonNode> alone = new ArrayList<>();
            for (String p : proposals) alone.add(answer(api, p));
            Set<String> outcomes = new HashSet<>();
            alone.forEach(a -> outcomes.add(a.get("verdict").asText()));
            assertThat(outcomes).as("the proposals must differ in what they decide").contains("ELIGIBLE", "INELIGIBLE", "INCOMPLETE");

            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<List<String>>> results = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    long seed = t;
                    results.add(pool.submit(() -> {
                        List<Integer> order = new ArrayList<>();
                        for (int r = 0; r < ROUNDS; r++) for (int i = 0; i < proposals.size(); i++) order.add(i);
                        Collections.shuffle(order, new Random(seed));
                        List<String> mismatches = new ArrayList<>();
                        for (int i : order) {
                            JsonNode got = answer(api, proposals.get(i));
                            if (!got.equals(alone.get(i))) mismatches.add("proposal " + i + ": " + got + " instead of " + alone.get(i));
                        }
                        return mismatches;
                    }));
                }
                List<String> mismatches = new ArrayList<>();
                for (Future<List<String>> f : results) mismatches.addAll(f.get(5, TimeUnit.MINUTES));
                assertThat(mismatches).isEmpty();
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** The verdict without its decision id, which is new for every evaluation. */
    private static JsonNode answer(TestServer api, String proposal) {
        TestServer.Response r = api.postJson("/v1/calls/507/evaluations", proposal);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        ObjectNode v = (ObjectNode) r.json();
        assertThat(v.remove("decisionId").asText()).isNotBlank();
        return v;
    }
}
