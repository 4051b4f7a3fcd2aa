package callcheck.bench;

import callcheck.evaluation.PackEngine;

import callcheck.json.Json;
import callcheck.model.ProposalReader;
import com.fasterxml.jackson.core.JsonProcessingException;
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

import java.util.concurrent.TimeUnit;

/**
 * In-process evaluation on one thread: the engine on every example of a call in turn (pinned examples with their
 * version). {@link #throughput} gives evaluations per second on one core, {@link #latency} the distribution (p50,
 * p99), {@link #withJson} adds reading the JSON body and writing the verdict as the HTTP handler does; with {@code -prof gc}, {@code gc.alloc.rate.norm} is the bytes allocated per evaluation. Call 507's
 * hand-written baseline is {@link HandWrittenBenchmark}, another rule engine on the same rules {@link EvreteBenchmark}, both run in the same command. Never part of the tests; the
 * command is in BENCHMARKS.md.
 * <p>
 * Drools compiles its MVEL constraints to bytecode after a number of evaluations and the JIT follows, so the
 * warm-up is long (15 s) before steady state.
 */
@State(Scope.Thread)
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class EvaluationBenchmark {
    /** Every call with examples, and {@code all}: every example of every call in turn, as the HTTP load sends them. */
    @Param({"507", "426", "41", "ACT", "all"})
    public String call;

    /** {@code default}, or one pack option changed to compare with it in one run: {@code sequential=false}, {@code sessionPool=false}, {@code executableModel=true}, {@code cache=true} (the packs read back from the compiled-pack cache). */
    @Param({"default"})
    public String variant;

    private PackEngine engine;
    private BenchExamples.Case[] cases;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        engine = BenchExamples.engine(variant);
        cases = BenchExamples.of(call).toArray(BenchExamples.Case[]::new);
    }

    private Object evaluateNext() {
        BenchExamples.Case c = cases[next];
        next = next + 1 == cases.length ? 0 : next + 1;
        return engine.evaluate(c.example().call(), c.version(), c.proposal());
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

    /** What the HTTP handler does besides HTTP: the JSON body read into a proposal, evaluated, the verdict written as JSON. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public byte[] withJson() throws JsonProcessingException {
        BenchExamples.Case c = cases[next];
        next = next + 1 == cases.length ? 0 : next + 1;
        return Json.output().writeValueAsBytes(engine.evaluate(c.example().call(), c.version(), ProposalReader.read(c.body())));
    }
}
