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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Another rule engine on call 507's rules: {@link Evrete507} on the same examples, in the same order, with the same
 * modes and settings as {@link EvaluationBenchmark} and {@link HandWrittenBenchmark}, so that the three compare within
 * one run.
 */
@State(Scope.Thread)
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class EvreteBenchmark {
    private Evrete507 baseline;
    private Proposal[] proposals;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        PackEngine engine = PackEngine.load(BenchExamples.RULES);
        RulePack pack = engine.packs().versions("507").get(0);
        baseline = new Evrete507(pack.parameters(), engine.packs().reference());
        proposals = BenchExamples.of("507").stream().map(BenchExamples.Case::proposal).toArray(Proposal[]::new);
    }

    private Object evaluateNext() {
        Proposal p = proposals[next];
        next = next + 1 == proposals.length ? 0 : next + 1;
        return baseline.evaluate(p);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        baseline.close();
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
}
