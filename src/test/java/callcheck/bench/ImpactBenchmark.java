package callcheck.bench;

import callcheck.engine.Verdict;
import callcheck.evaluation.EvaluationLimits;
import callcheck.evaluation.Evaluator;
import callcheck.evaluation.PackEngine;
import callcheck.evaluation.Ulid;
import callcheck.examples.Example;
import callcheck.json.Json;
import callcheck.pack.RulePack;
import callcheck.model.ProposalReader;
import callcheck.store.Decision;
import callcheck.store.DecisionStore;
import callcheck.store.Filter;
import callcheck.store.Impacts;
import callcheck.store.Pack;
import callcheck.store.Replays;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The impact of a version on N recorded decisions (default 100,000), never run by the tests: the examples of call 507
 * evaluated on its first version and recorded over and over into an embedded store in a temporary folder, then
 * replayed on its last version as {@code POST /v1/calls/507/impact} does (evaluation slots, default budget), timed.
 * Arguments: [decisions, default 100000].
 */
public final class ImpactBenchmark {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path data = Files.createTempDirectory("callcheck-impact-bench");
        PackEngine engine = PackEngine.load(Path.of("rules"));
        List<RulePack> versions = engine.packs().versions("507");
        RulePack first = versions.get(0);
        RulePack last = versions.get(versions.size() - 1);
        List<Decision> models = new ArrayList<>();
        for (Example e : Example.all(Path.of("examples"))) {
            if (!e.call().equals("507")) continue;
            String proposal = new String(e.proposal(), StandardCharsets.UTF_8);
            Verdict v = PackEngine.evaluate(first, engine.packs().reference(), ProposalReader.read(proposal));
            models.add(new Decision(null, null, "bench", "507", first.version(), first.digest(), v.verdict().name(), 1000, proposal,
                    Json.output().writeValueAsString(v)));
        }
        System.out.printf("machine: %d processors, heap max %d MB; %d decisions made of %d examples of 507, recorded on %s, replayed on %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, n, models.size(), first.version(), last.version());
        try (DecisionStore store = DecisionStore.open(null, data)) {
            long t0 = System.nanoTime();
            store.record(copy(models.get(0)), Pack.of(first));
            AtomicLong left = new AtomicLong(n - 1);
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 32; w++) {
                Thread t = new Thread(() -> {
                    long i;
                    while ((i = left.getAndDecrement()) > 0) store.record(copy(models.get((int) (i % models.size()))), null);
                });
                t.start();
                writers.add(t);
            }
            for (Thread t : writers) t.join();
            System.out.printf("recorded %d decisions in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);

            PackEngine service = new PackEngine(engine.packs(), new Evaluator(EvaluationLimits.defaults()));
            // 2,000 evaluations first: Drools compiles its constraints and the JIT follows, as in a service that has run a while.
            for (int i = 0; i < 2000; i++) {
                PackEngine.evaluate(last, engine.packs().reference(), ProposalReader.read(models.get(i % models.size()).proposalJson()));
            }
            System.gc();
            long t1 = System.nanoTime();
            Impacts.Report r = Impacts.run(store, service, new Replays(store, service), "507", last.version(), null, Filter.ALL, null, 100,
                    done -> { if (done % 10_000 == 0) System.out.printf("  %,d replayed (%.1f s)%n", done, (System.nanoTime() - t1) / 1e9); });
            double s = (System.nanoTime() - t1) / 1e9;
            System.out.printf("impact of %s on %d decisions: %.1f s (%.0f a second); %d changed, skipped %s, transitions %s%n",
                    last.version(), r.decisions(), s, r.decisions() / s, r.changed(), r.skipped(), r.transitions());
            System.out.printf("heap used after: %d MB%n", (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
        } finally {
            try (var files = Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.exit(0);
    }

    private static Decision copy(Decision m) {
        return new Decision(Ulid.next(), Instant.now(), m.askedBy(), m.call(), m.version(), m.digest(), m.verdict(), m.tookMicros(),
                m.proposalJson(), m.verdictJson());
    }
}
