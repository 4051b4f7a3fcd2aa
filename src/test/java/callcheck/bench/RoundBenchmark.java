package callcheck.bench;

import callcheck.evaluation.PackEngine;
import callcheck.evaluation.PackSet;
import callcheck.model.Proposal;
import callcheck.model.ProposalReader;
import callcheck.round.Decisions;
import callcheck.round.RoundReader;
import callcheck.round.RoundRequest;
import callcheck.engine.RoundResult;
import callcheck.round.Rounds;
import callcheck.support.Packs;
import callcheck.support.ProposalJson;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * A round of call 507 of {@link #size} proposals, the whole answer in process ({@link #round}: every proposal
 * evaluated, the call-level rules on the selected, the proposed selection searched and checked), against the
 * baseline of evaluating the same proposals one by one ({@link #evaluateEach}), in the same run. {@link #scores}:
 * {@code jury} gives random scores (one decimal, 50 to 100), {@code none} counts every proposal 1 (many ties).
 * Proposals ask 10,000 to 20,000 AMIF and VVSG each (fixed seed), one in ten is ineligible, half are small;
 * the first 25 are selected. Never part of the tests; the command is in BENCHMARKS.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class RoundBenchmark {
    @Param({"30", "300", "3000"})
    public int size;

    @Param({"jury", "none"})
    public String scores;

    private PackSet packs;
    private PackEngine engine;
    private RoundRequest request;
    private List<Proposal> proposals;

    @Setup(Level.Trial)
    public void setUp() {
        engine = Packs.engine();
        packs = engine.packs();
        request = round(size, scores.equals("jury"), 2026);
    }

    /** A round as {@link RoundReader} reads it, so that the proposals are what a client would send. */
    static RoundRequest round(int size, boolean jury, long seed) {
        Random random = new Random(seed);
        StringBuilder body = new StringBuilder("{\"proposals\":[");
        Map<String, BigDecimal> scores = new LinkedHashMap<>();
        List<String> selected = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            ProposalJson p = ProposalJson.from(i % 2 == 0 ? "507/eligible-tielt-pittem.json" : "507/centrumstad-alone.json");
            BigDecimal amif = BigDecimal.valueOf(1_000_000 + random.nextInt(1_000_001), 2);
            BigDecimal vvsg = BigDecimal.valueOf(1_000_000 + random.nextInt(1_000_001), 2);
            if (random.nextInt(10) == 0) amif = new BigDecimal("20000.01"); // above 25% of 80,000: ineligible
            p.set("financing.amif", amif).set("financing.vvsg", vvsg).set("financing.own", new BigDecimal("80000").subtract(amif).subtract(vvsg));
            String id = "p" + i;
            body.append(i == 0 ? "" : ",").append("{\"id\":\"").append(id).append("\",\"proposal\":").append(p.text()).append("}");
            scores.put(id, BigDecimal.valueOf(500 + random.nextInt(501), 1));
            if (i < 25) selected.add(id);
        }
        body.append("],\"selected\":[");
        for (int i = 0; i < selected.size(); i++) body.append(i == 0 ? "" : ",").append('"').append(selected.get(i)).append('"');
        body.append("]");
        if (jury) {
            body.append(",\"scores\":{");
            int k = 0;
            for (Map.Entry<String, BigDecimal> e : scores.entrySet()) body.append(k++ == 0 ? "" : ",").append('"').append(e.getKey()).append("\":").append(e.getValue());
            body.append("}");
        }
        return RoundReader.read(body.append("}").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Benchmark
    public RoundResult round() {
        return Rounds.check(packs, "507", request, Decisions.NONE);
    }

    /** The baseline: the same proposals evaluated one by one, as as many evaluations would be. */
    @Benchmark
    public int evaluateEach() {
        int eligible = 0;
        for (RoundRequest.Entry e : request.proposals()) {
            if (engine.evaluate("507", e.proposal()).verdict() == callcheck.engine.Outcome.ELIGIBLE) eligible++;
        }
        return eligible;
    }

    /** One run of each size without JMH, to see the answer and the time once: {@code java ... RoundBenchmark}. */
    public static void main(String[] args) {
        PackSet packs = Packs.engine().packs();
        for (int size : new int[]{30, 300, 3000}) {
            for (boolean jury : new boolean[]{true, false}) {
                RoundRequest r = round(size, jury, 2026);
                long start = System.nanoTime();
                RoundResult result = Rounds.check(packs, "507", r, Decisions.NONE);
                System.out.printf("size %d %s: %.1f ms, proposed %d, total score %s%n", size, jury ? "jury" : "none",
                        (System.nanoTime() - start) / 1e6, result.proposedSelection().ids().size(), result.proposedSelection().totalScore());
            }
        }
    }
}
