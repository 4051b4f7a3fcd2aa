package callcheck.pack;

import org.kie.api.KieBase;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.StatelessKieSession;

/**
 * A KieBase and its pooled sessions, shared by every pack compiled from the same rule files: a session holds no
 * pack's facts between evaluations (each execute inserts the pack's parameters with the proposal), so the packs of one
 * KieBase can share its sessions.
 */
final class CompiledRules {
    private final KieBase kieBase;
    private final KieSessionsPool sessions;
    private boolean closed;

    /** @param pooled whether sessions are reused: they keep the memory a fresh session would build again for every proposal */
    CompiledRules(KieBase kieBase, boolean pooled) {
        this.kieBase = kieBase;
        this.sessions = pooled ? kieBase.newKieSessionsPool(Runtime.getRuntime().availableProcessors()) : null;
    }

    KieBase kieBase() {
        return kieBase;
    }

    StatelessKieSession session() {
        return sessions == null ? kieBase.newStatelessKieSession() : sessions.newStatelessKieSession();
    }

    /** Ends the pooled sessions once, whichever of the packs sharing them asks first. */
    synchronized void close() {
        if (sessions != null && !closed) sessions.shutdown();
        closed = true;
    }
}
