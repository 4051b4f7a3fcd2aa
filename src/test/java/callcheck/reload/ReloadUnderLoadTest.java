package callcheck.reload;

import callcheck.evaluation.PackEngine;

import callcheck.engine.Finding;
import callcheck.evaluation.LoadReport;
import callcheck.engine.Verdict;
import callcheck.model.Proposal;
import callcheck.model.ProposalReader;
import callcheck.pack.PackLoader;
import callcheck.support.Packs;
import callcheck.support.RulesCopy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Evaluations running while a pack is reloaded over and over: none fails, and each verdict is wholly one version's,
 * its digest matching what its findings say (no verdict from a half-swapped set of packs).
 */
class ReloadUnderLoadTest {
    private static final String FINANCING = "507/2020-07-14/financing.drl";
    private static final String EURO = "of {subsidy} euro is above the maximum of {limit} euro";
    private static final String EUR = "of {subsidy} EUR is above the maximum of {limit} EUR";
    private static final int RELOADS = 50;

    @Test
    void evaluations_through_fifty_reloads_see_no_error_and_no_half_loaded_pack(@TempDir Path tmp) throws Exception {
        RulesCopy copy = RulesCopy.into(tmp.resolve("rules"));
        LoadReport report = LoadReport.load(copy.root(), new PackLoader());
        PackEngine engine = new PackEngine(report.packs());
        Reloader reloader = new Reloader(engine, copy.root(), Packs.EXAMPLES);
        Proposal proposal = ProposalReader.read(Files.readAllBytes(Packs.EXAMPLES.resolve("507/subsidy-over-max.json")));
        String euroDigest = engine.packs().select("507", "2020-07-14", null).digest();

        AtomicBoolean running = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        Map<String, Set<String>> messagesByDigest = new ConcurrentHashMap<>();
        AtomicInteger count = new AtomicInteger();
        // One client: the machine running the tests may have two cores, and the reloads need one.
        List<Thread> clients = List.of(client(engine, proposal, running, messagesByDigest, problems, count));
        clients.forEach(Thread::start);
        String eurDigest = null;
        for (int i = 0; i < RELOADS; i++) {
            if (i % 2 == 0) copy.edit(FINANCING, EURO, EUR);
            else copy.edit(FINANCING, EUR, EURO);
            ReloadStatus s = reloader.reload(Change.of(copy.root(), Packs.EXAMPLES, List.of(copy.root().resolve(FINANCING)), Set.of("507")));
            assertThat(s.latest()).isTrue();
            if (i == 0) eurDigest = s.pack("507", "2020-07-14").servingDigest();
        }
        running.set(false);
        for (Thread t : clients) t.join();

        assertThat(problems).isEmpty();
        assertThat(count.get()).isPositive();
        // Each version's verdicts all say what that version says, and only the two versions served.
        assertThat(messagesByDigest).containsOnlyKeys(euroDigest, eurDigest);
        assertThat(messagesByDigest.get(euroDigest)).singleElement().asString().contains("is above the maximum of €40,000");
        assertThat(messagesByDigest.get(eurDigest)).singleElement().asString().contains("EUR is above the maximum");
    }

    private static Thread client(PackEngine engine, Proposal proposal, AtomicBoolean running, Map<String, Set<String>> messagesByDigest,
                                 ConcurrentLinkedQueue<String> problems, AtomicInteger count) {
        return new Thread(() -> {
            while (running.get()) {
                try {
                    Verdict v = engine.evaluate("507", proposal);
                    count.incrementAndGet();
                    for (Finding f : v.findings()) messagesByDigest.computeIfAbsent(v.digest(), d -> ConcurrentHashMap.newKeySet()).add(f.message().en());
                    Thread.sleep(1); // a steady stream of requests, not a busy loop that starves the reloads
                } catch (RuntimeException e) {
                    problems.add(e.toString());
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }
}
