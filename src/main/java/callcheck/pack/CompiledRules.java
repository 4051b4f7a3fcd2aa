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
 * was defining them (BENCHMARKS.md). Rules compiled from DRL are swapped for their executable model once hot
 * ({@link HotUpgrade}); an evaluation runs wholly on the KieBase it started with.
 */
final class CompiledRules {
    /** One form of the rules and the sessions of that form: made and swapped together. */
    private record Form(KieBase kieBase, KieSessionsPool sessions) {
    }

    private final List<RuleMeta> rules;
    private final boolean pooled;
    /** How these rules become the executable model once hot; null when they are it already, or never upgrade. */
    private final HotUpgrade upgrade;
    /** Makes the KieBase; null once made. */
    private Supplier<KieBase> make;
    private volatile Form form; // null until made
    private int uses; // counted without synchronisation: only its passing the threshold matters, not its exact value
    private volatile boolean upgradeAsked;
    private boolean executable;
    private boolean closed;

    /** @param pooled whether sessions are reused: they keep the memory a fresh session would build again for every proposal */
    CompiledRules(KieBase kieBase, boolean pooled) {
        this(kieBase, pooled, null);
    }

    /** @param upgrade how these rules, if compiled from DRL, become the executable model once hot; null for never */
    CompiledRules(KieBase kieBase, boolean pooled, HotUpgrade upgrade) {
        this.rules = RuleMeta.of(kieBase);
        this.pooled = pooled;
        this.executable = HotUpgrade.isExecutable(kieBase);
        this.upgrade = executable ? null : upgrade;
        this.form = form(kieBase);
    }

    /** Rules whose KieBase {@code make} gives on first use (the executable model of a cache entry), with the metadata it will have. */
    CompiledRules(List<RuleMeta> rules, Supplier<KieBase> make, boolean pooled) {
        this.rules = List.copyOf(rules);
        this.pooled = pooled;
        this.make = make;
        this.upgrade = null;
        this.executable = true;
    }

    private Form form(KieBase k) {
        return new Form(k, pooled && !closed ? k.newKieSessionsPool(Runtime.getRuntime().availableProcessors()) : null);
    }

    /** The rules' names, source paths and metadata, in the KieBase's order, without making it. */
    List<RuleMeta> rules() {
        return rules;
    }

    /** Whether the KieBase is made (tests: what is lazy stays lazy until used). */
    boolean prepared() {
        return form != null;
    }

    /** Makes the KieBase now if it is not yet: the first evaluation then does not wait for it. */
    void prepare() {
        current();
    }

    private Form current() {
        Form f = form;
        if (f != null) return f;
        synchronized (this) {
            if (form == null) {
                KieBase k = make.get();
                make = null;
                executable = HotUpgrade.isExecutable(k); // an entry whose classes did not load compiles as the options say
                form = form(k);
            }
            return form;
        }
    }

    KieBase kieBase() {
        return current().kieBase();
    }

    StatelessKieSession session() {
        Form f = current();
        if (upgrade != null && !upgradeAsked && ++uses >= upgrade.after()) {
            upgradeAsked = true;
            upgrade.submit(this);
        }
        return f.sessions() == null ? f.kieBase().newStatelessKieSession() : f.sessions().newStatelessKieSession();
    }

    /** Whether the rules now serving are (or, not yet made, will be) Drools' executable model. */
    synchronized boolean executable() {
        return executable;
    }

    /** Whether an upgrade has nothing left to do here. */
    synchronized boolean settled() {
        return closed || executable;
    }

    /**
     * Serves the executable model of the same rules from the next evaluation on. The sessions of the old form are left to
     * the evaluations using them now and then to the garbage collector: shutting their pool would end those evaluations.
     *
     * @return false when closed (or upgraded) meanwhile: nothing changed
     */
    synchronized boolean upgrade(KieBase executableModel) {
        if (closed || executable) return false;
        form = form(executableModel);
        executable = true;
        return true;
    }

    /** Ends the pooled sessions once, whichever of the packs sharing them asks first; a pending upgrade is dropped. */
    synchronized void close() {
        Form f = form;
        if (f != null && f.sessions() != null && !closed) f.sessions().shutdown();
        closed = true;
    }
}
