package callcheck.pack;

import org.kie.api.KieBase;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.StatelessKieSession;

import java.util.List;
import java.util.function.Supplier;

/**
 * A KieBase and its pooled sessions, shared by every pack compiled from the same rule files: a session holds no
 * pack's facts between evaluations (each execute inserts the pack's parameters with the proposal), so the packs of one
 * KieBase can share its sessions.
 * <p>
 * Rules read from the compiled-pack cache come with their metadata and their KieBase still to make: its classes are
 * defined on first use ({@link #kieBase}, {@link #session}, or {@link #prepare} in the background once the service
 * is ready), so that a start defines no class of a pack nobody evaluates yet. Most of a warm start with many packs
 * was defining them (BENCHMARKS.md).
 */
final class CompiledRules {
    private final List<RuleMeta> rules;
    private final boolean pooled;
    /** Makes the KieBase; null once made. */
    private Supplier<KieBase> make;
    private volatile KieBase kieBase;
    private KieSessionsPool sessions;
    private boolean closed;

    /** @param pooled whether sessions are reused: they keep the memory a fresh session would build again for every proposal */
    CompiledRules(KieBase kieBase, boolean pooled) {
        this.rules = RuleMeta.of(kieBase);
        this.pooled = pooled;
        made(kieBase);
    }

    /** Rules whose KieBase {@code make} gives on first use, with the metadata it will have. */
    CompiledRules(List<RuleMeta> rules, Supplier<KieBase> make, boolean pooled) {
        this.rules = List.copyOf(rules);
        this.pooled = pooled;
        this.make = make;
    }

    private void made(KieBase k) {
        this.sessions = pooled && !closed ? k.newKieSessionsPool(Runtime.getRuntime().availableProcessors()) : null;
        this.kieBase = k; // last: a reader that sees it sees the pool
    }

    /** The rules' names, source paths and metadata, in the KieBase's order, without making it. */
    List<RuleMeta> rules() {
        return rules;
    }

    /** Whether the KieBase is made (tests: what is lazy stays lazy until used). */
    boolean prepared() {
        return kieBase != null;
    }

    /** Makes the KieBase now if it is not yet: the first evaluation then does not wait for it. */
    void prepare() {
        kieBase();
    }

    KieBase kieBase() {
        KieBase k = kieBase;
        if (k != null) return k;
        synchronized (this) {
            if (kieBase == null) {
                made(make.get());
                make = null;
            }
            return kieBase;
        }
    }

    StatelessKieSession session() {
        KieBase k = kieBase();
        KieSessionsPool s = sessions;
        return s == null ? k.newStatelessKieSession() : s.newStatelessKieSession();
    }

    /** Ends the pooled sessions once, whichever of the packs sharing them asks first. */
    synchronized void close() {
        if (sessions != null && !closed) sessions.shutdown();
        closed = true;
    }
}
