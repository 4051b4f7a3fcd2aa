package callcheck.bench;

import callcheck.evaluation.PackEngine;

import callcheck.model.Proposal;
import callcheck.pack.RulePack;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The baseline of {@link EvaluationBenchmark} for call 507: the same examples, in the same order, through
 * {@link HandWritten507}, with the same modes and settings, so that the two compare within one run.
 */
@State(Scope.Thread)
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class HandWrittenBenchmark {
    private HandWritten507 baseline;
    private Proposal[] proposals;
    private byte[][] bodies;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        PackEngine engine = PackEngine.load(BenchExamples.RULES);
        RulePack pack = engine.packs().select("507", HandWritten507.VERSION, null);
        baseline = new HandWritten507(pack.parameters(), engine.packs().reference());
        proposals = BenchExamples.of("507").stream().map(BenchExamples.Case::proposal).toArray(Proposal[]::new);
        bodies = BenchExamples.of("507").stream().map(BenchExamples.Case::body).toArray(byte[][]::new);
    }

    private Object evaluateNext() {
        Proposal p = proposals[next];
        next = next + 1 == proposals.length ? 0 : next + 1;
        return baseline.evaluate(p);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Object throughput() {
        return evaluateNext();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object latency() {
        return evaluateNext();
    }

    /**
     * The baseline of {@link EvaluationBenchmark#withJson}: the same JSON bodies read by the same strict reader, the
     * hand-written rules, the result written as JSON.
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public byte[] withJson() throws com.fasterxml.jackson.core.JsonProcessingException {
        byte[] body = bodies[next];
        next = next + 1 == bodies.length ? 0 : next + 1;
        return callcheck.json.Json.output().writeValueAsBytes(baseline.evaluate(callcheck.model.ProposalReader.read(body)));
    }
}
