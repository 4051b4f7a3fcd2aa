package callcheck.evaluation;

import org.kie.api.command.ExecutableCommand;
import org.kie.api.runtime.Context;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.StatelessKieSession;
import org.kie.api.runtime.rule.AgendaFilter;
import org.kie.api.runtime.rule.Match;
import org.kie.internal.command.RegistryContext;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * One stateless session's run over the facts, which another thread can stop: it records the rule about to fire,
 * and once {@link #halt}ed lets no further rule fire and halts the session (Drools checks between two firings).
 * A consequence that never returns is not stopped by this; {@link Evaluator} abandons it.
 */
final class SessionRun implements ExecutableCommand<Void>, AgendaFilter {
    final String call;
    final String version;
    final Instant started = Instant.now();
    private List<Object> facts;
    private volatile String firing;
    private volatile boolean halted;
    private KieSession session; // guarded by this: only while the rules run, since a pooled session serves others after

    SessionRun(String call, String version) {
        this.call = call;
        this.version = version;
    }

    /**
     * Inserts the facts into the session and fires its rules, unless halted.
     *
     * @throws CancellationException when halted: the rules may not all have fired, so no verdict may come of it
     */
    void execute(StatelessKieSession stateless, List<Object> facts) {
        this.facts = facts;
        stateless.execute(this);
        if (halted) throw new CancellationException("the evaluation with " + call + "/" + version + " was halted");
    }

    @Override
    public Void execute(Context context) {
        KieSession s = ((RegistryContext) context).lookup(KieSession.class);
        synchronized (this) {
            session = s;
        }
        try {
            for (Object fact : facts) s.insert(fact);
            if (!halted) s.fireAllRules(this);
        } finally {
            synchronized (this) {
                session = null;
            }
        }
        return null;
    }

    /** The rules fire here, not after the command. */
    @Override
    public boolean autoFireAllRules() {
        return false;
    }

    @Override
    public boolean accept(Match match) {
        if (halted) return false;
        firing = match.getRule().getName();
        return true;
    }

    /** The rule firing, or the last one that fired; null before any. */
    String firing() {
        return firing;
    }

    boolean halted() {
        return halted;
    }

    /** No further rule fires; a rule firing now finishes (or is interrupted by whoever halts). */
    synchronized void halt() {
        halted = true;
        if (session != null) session.halt();
    }
}
