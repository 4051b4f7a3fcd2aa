package callcheck.bench;

import callcheck.engine.Engine;
import callcheck.examples.Example;
import callcheck.model.Proposal;
import callcheck.model.ProposalReader;
import callcheck.pack.RulePack;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * In-process evaluation, one thread: the engine on every example of a call in turn, and for call 507 the same
 * examples through the hand-written baseline. Run with the command in BENCHMARKS.md; never part of the tests.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.Throughput})
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class EvaluationBenchmark {
    @Param({"507"})
    public String call;

    private Engine engine;
    private HandWritten507 baseline;
    private Proposal[] proposals;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        Path root = Path.of(System.getProperty("callcheck.root", "."));
        engine = Engine.load(root.resolve("rules"));
        List<Example> examples = Example.of(root.resolve("examples").resolve(call));
        proposals = examples.stream().filter(e -> e.expected().version() == null)
                .map(e -> ProposalReader.read(e.proposal())).toArray(Proposal[]::new);
        if ("507".equals(call)) {
            RulePack pack = engine.packs().versions("507").get(0);
            baseline = new HandWritten507(pack.parameters(), engine.packs().reference());
        }
    }

    private Proposal nextProposal() {
        Proposal p = proposals[next];
        next = next + 1 == proposals.length ? 0 : next + 1;
        return p;
    }

    @Benchmark
    public Object engine() {
        return engine.evaluate(call, nextProposal());
    }

    @Benchmark
    public Object handWritten() {
        if (baseline == null) return null; // only call 507 has a baseline
        return baseline.evaluate(nextProposal());
    }
}
