package callcheck.http;

import callcheck.evaluation.EvaluationLimits;
import callcheck.evaluation.Evaluator;
import callcheck.evaluation.PackEngine;
import callcheck.evaluation.PackSet;
import callcheck.pack.PackLoader;
import callcheck.pack.RulePack;
import callcheck.model.Proposal;
import callcheck.model.ProposalReader;
import callcheck.round.Decisions;
import callcheck.support.Await;
import callcheck.support.Packs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hard shape of issue 20: 500 proposals whose scores are nearly proportional to their subsidy, amounts in
 * multiples of 3 cents (about ten minutes of CPU before the round search had a budget), here on the test pack with
 * call-level rules (call 997: a budget of 100 euro, BLOCKING). The search stops at the round budget with the best
 * selection found, {@code optimal: false} and an upper bound on the total score, and it searches in an evaluation
 * slot.
 */
class RoundBudgetTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path ROOT = Path.of("src/test/resources/packs/rounds");
    private static final String CALL = "997";
    private static final String ROUNDS = "/v1/calls/997/rounds";
    private static final String EVALUATIONS = "/v1/calls/997/evaluations";
    private static final BigDecimal BUDGET = new BigDecimal("100");

    /** The hard shape: subsidies of 1.50 to 4.50 euro in multiples of 3 cents, score = 10 x subsidy plus 0 to 0.0002. */
    static ObjectNode hardRound(long seed) {
        Random random = new Random(seed);
        ObjectNode round = MAPPER.createObjectNode();
        ArrayNode proposals = round.putArray("proposals");
        ObjectNode scores = round.putObject("scores");
        for (int i = 0; i < 500; i++) {
            BigDecimal amif = BigDecimal.valueOf(3L * (50 + random.nextInt(100)), 2);
            ObjectNode p = proposals.addObject().put("id", "p" + i).putObject("proposal");
            p.put("submittedOn", "2020-06-01").putObject("financing").put("amif", amif);
            scores.put("p" + i, amif.movePointRight(1).add(BigDecimal.valueOf(random.nextInt(3), 4)));
        }
        return round;
    }

    /** Version 2020-01-01 of the test pack with call-level rules, within the limits. */
    private static PackEngine engine(EvaluationLimits limits) {
        RulePack pack = new PackLoader().load(ROOT, ROOT.resolve("997").resolve("2020-01-01"));
        return new PackEngine(new PackSet(List.of(pack), PackLoader.reference(Packs.RULES)), new Evaluator(limits));
    }

    @Test
    void theHardRoundAnswersTheBestSelectionFoundWithinTheBudgetWithAnUpperBound() {
        EvaluationLimits limits = EvaluationLimits.defaults().withRoundBudget(Duration.ofMillis(200));
        try (TestServer api = TestServer.start(engine(limits), Map.of())) {
            ObjectNode round = hardRound(20);
            TestServer.Response r = api.postJson(ROUNDS, round.toString());
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertProvisional(round, r.json());
        }
    }

    @Test
    void theSearchTakesAnEvaluationSlotSoThatAnEvaluationWaitingLongerThanTheSlotWaitIsBusy() throws Exception {
        // One slot; the search holds it for up to 5 s, an evaluation waits for a slot 200 ms. The round names recorded
        // decisions, so that nothing but its search takes the slot.
        EvaluationLimits limits = new EvaluationLimits(Duration.ofSeconds(5), 1, Duration.ofMillis(200), 2, Duration.ofSeconds(5));
        PackEngine engine = engine(limits);
        ObjectNode round = hardRound(21);
        Map<String, Decisions.Decided> recorded = new HashMap<>();
        ObjectNode byDecision = round.deepCopy();
        for (JsonNode e : (ArrayNode) byDecision.get("proposals")) {
            ObjectNode entry = (ObjectNode) e;
            Proposal proposal = ProposalReader.read(entry.remove("proposal").toString().getBytes(StandardCharsets.UTF_8));
            RulePack pack = engine.packs().select(CALL, null, proposal.getSubmittedOn());
            recorded.put("d-" + entry.get("id").asText(), new Decisions.Decided(proposal, PackEngine.evaluate(pack, engine.packs().reference(), proposal)));
            entry.put("decisionId", "d-" + entry.get("id").asText());
        }
        try (TestServer api = TestServer.start(engine, Map.of(), id -> Optional.ofNullable(recorded.get(id)))) {
            CompletableFuture<TestServer.Response> searching = CompletableFuture.supplyAsync(() -> api.postJson(ROUNDS, byDecision.toString()));
            String evaluation = "{\"submittedOn\":\"2020-06-01\",\"financing\":{\"amif\":10}}";
            TestServer.Response busy = Await.until("an evaluation to find the one slot taken by the search", () -> api.postJson(EVALUATIONS, evaluation),
                    e -> e.status() == 503 || searching.isDone());
            assertThat(busy.status()).as(busy.body()).isEqualTo(503);
            assertThat(busy.error().get("code").asText()).isEqualTo("busy");
            TestServer.Response r = searching.get();
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertProvisional(round, r.json());
            assertThat(api.postJson(EVALUATIONS, evaluation).status()).isEqualTo(200);
        }
    }

    @Test
    void concurrentHardRoundsEachStopAtTheirBudgetOneSearchAtATime() throws Exception {
        // One slot that rounds wait for long enough: each round searches in turn, each stops at its own budget.
        EvaluationLimits limits = new EvaluationLimits(Duration.ofSeconds(5), 1, Duration.ofSeconds(60), 2, Duration.ofMillis(300));
        try (TestServer api = TestServer.start(engine(limits), Map.of())) {
            ObjectNode[] rounds = {hardRound(22), hardRound(23), hardRound(24)};
            @SuppressWarnings("unchecked")
            CompletableFuture<TestServer.Response>[] answers = new CompletableFuture[rounds.length];
            for (int i = 0; i < rounds.length; i++) {
                String body = rounds[i].toString();
                answers[i] = CompletableFuture.supplyAsync(() -> api.postJson(ROUNDS, body));
            }
            for (int i = 0; i < rounds.length; i++) {
                TestServer.Response r = answers[i].get();
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                assertProvisional(rounds[i], r.json());
            }
        }
    }

    /** Not proven best, a bound at least its score, and within the BLOCKING budget of the round rules. */
    private static void assertProvisional(ObjectNode round, JsonNode answer) {
        JsonNode p = answer.get("proposedSelection");
        assertThat(p.get("optimal").asBoolean()).as("%s", p).isFalse();
        BigDecimal total = p.get("totalScore").decimalValue();
        assertThat(p.get("bound").decimalValue()).isGreaterThanOrEqualTo(total);
        assertThat(p.get("ids").size()).isGreaterThan(0);
        Map<String, JsonNode> byId = new HashMap<>();
        for (JsonNode e : round.get("proposals")) byId.put(e.get("id").asText(), e.get("proposal"));
        BigDecimal subsidy = BigDecimal.ZERO, score = BigDecimal.ZERO;
        for (JsonNode id : p.get("ids")) {
            subsidy = subsidy.add(byId.get(id.asText()).get("financing").get("amif").decimalValue());
            score = score.add(round.get("scores").get(id.asText()).decimalValue());
        }
        assertThat(subsidy).isLessThanOrEqualTo(BUDGET);
        assertThat(score).isEqualByComparingTo(total);
        assertThat(p.get("findings").findValuesAsText("severity")).doesNotContain("BLOCKING");
        assertThat(p.get("leftOut").get(0).get("reason").asText()).isNotEmpty();
    }
}
