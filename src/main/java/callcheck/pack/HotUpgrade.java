package callcheck.pack;

import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.modelcompiler.consequence.LambdaConsequence;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Hot rules compiled again to Drools' executable model. DRL compiles in about half the time, which a first start and
 * the analyst's loop need; the executable model of the same rules evaluates faster (BENCHMARKS.md). So rules start on
 * DRL and, once they have served {@link PackOptions#hotAfter()} evaluations, one background thread of low priority
 * compiles them to the executable model and swaps it in between two evaluations, as the JVM compiles a hot method.
 * With a compiled-pack cache the upgrade reads the pack's entry when there is one, and stores the one it compiles.
 * Nothing waits for an upgrade, so closing never hangs on one; one that fails leaves the rules on DRL.
 */
final class HotUpgrade {
    private static final Logger LOG = LoggerFactory.getLogger(HotUpgrade.class);

    /**
     * At most one thread for the whole process, only while there is work (upgrades are rare, and each takes a core for
     * seconds): an embedder's process keeps no thread of ours when idle.
     */
    private static final class Background {
        static final ExecutorService THREAD = new ThreadPoolExecutor(0, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "callcheck-hot-upgrade");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY); // behind the evaluations it is meant to speed up
            return t;
        });
    }

    private final String name;
    private final String key;
    private final Map<String, byte[]> sources;
    private final CompiledPackCache cache;
    private final boolean sequential;
    private final int after;

    /**
     * @param name    what the logs call these rules (a pack's call and version)
     * @param key     the sources' key ({@link PackLoader#sourcesKey})
     * @param sources the DRL sources by KIE path, as they compiled
     * @param cache   the compiled-pack cache, or null
     */
    HotUpgrade(String name, String key, Map<String, byte[]> sources, CompiledPackCache cache, boolean sequential, int after) {
        this.name = name;
        this.key = key;
        this.sources = Map.copyOf(sources);
        this.cache = cache;
        this.sequential = sequential;
        this.after = after;
    }

    int after() {
        return after;
    }

    void submit(CompiledRules rules) {
        Background.THREAD.execute(() -> upgrade(rules));
    }

    /** Builds the executable model and swaps it in, unless the rules were closed (or upgraded) meanwhile. */
    void upgrade(CompiledRules rules) {
        if (rules.settled()) return;
        long started = System.nanoTime();
        try {
            KieBase executable = cache == null ? null : cache.loadExecutable(key, sequential);
            if (executable == null) {
                byte[] kjar = CompiledPackCache.compileExecutable(sources);
                executable = CompiledPackCache.kieBase(kjar, sequential);
                if (cache != null) cache.storeExecutable(key, kjar, rules.rules());
            }
            if (rules.upgrade(executable)) {
                LOG.info("rules of {} upgraded to the executable model after {} evaluations, in {} ms", name, after,
                        (System.nanoTime() - started) / 1_000_000);
            }
        } catch (RuntimeException | IOException | LinkageError e) {
            LOG.warn("rules of {} stay on DRL: their executable model did not build: {}", name, e.toString());
        }
    }

    /** Whether these rules are Drools' executable model (lambdas), not DRL with MVEL. */
    static boolean isExecutable(KieBase kieBase) {
        for (KiePackage p : kieBase.getKiePackages()) {
            for (Rule r : p.getRules()) return r instanceof RuleImpl impl && impl.getConsequence() instanceof LambdaConsequence;
        }
        return false;
    }
}
