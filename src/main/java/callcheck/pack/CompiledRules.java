package callcheck.pack;

import org.kie.api.KieBase;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.StatelessKieSession;

/**
 * A KieBase and its pooled sessions, shared by every pack compiled from the same rule files: a session holds no
 * pack's facts between evaluations (each execute inserts the pack's parameters with the proposal), so the packs of one
 * KieBase can share its sessions. Rules compiled from DRL are swapped for their executable model once hot
 * ({@link HotUpgrade}); an evaluation runs wholly on the KieBase it started with.
 */
final class CompiledRules {
    /** One form of the rules and the sessions of that form: swapped together. */
    private record Form(KieBase kieBase, KieSessionsPool sessions) {
    }

    private final boolean pooled;
    private final HotUpgrade upgrade; // null when the rules are the executable model already, or never upgrade
    private volatile Form form;
    private int uses; // counted without synchronisation: only its passing the threshold matters, not its exact value
    private volatile boolean upgradeAsked;
    private boolean executable;
    private boolean closed;

    /** @param pooled whether sessions are reused: they keep the memory a fresh session would build again for every proposal */
    CompiledRules(KieBase kieBase, boolean pooled) {
        this(kieBase, pooled, null);
    }

    /** @param upgrade how these rules, compiled from DRL, become the executable model once hot; null for never */
    CompiledRules(KieBase kieBase, boolean pooled, HotUpgrade upgrade) {
        this.pooled = pooled;
        this.upgrade = upgrade;
        this.form = form(kieBase);
        this.executable = HotUpgrade.isExecutable(kieBase);
    }

    private Form form(KieBase kieBase) {
        return new Form(kieBase, pooled ? kieBase.newKieSessionsPool(Runtime.getRuntime().availableProcessors()) : null);
    }

    KieBase kieBase() {
        return form.kieBase();
    }

    StatelessKieSession session() {
        Form f = form;
        if (upgrade != null && !upgradeAsked && ++uses >= upgrade.after()) {
            upgradeAsked = true;
            upgrade.submit(this);
        }
        return f.sessions() == null ? f.kieBase().newStatelessKieSession() : f.sessions().newStatelessKieSession();
    }

    /** Whether the rules now serving are Drools' executable model. */
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
        if (f.sessions() != null && !closed) f.sessions().shutdown();
        closed = true;
    }
}
