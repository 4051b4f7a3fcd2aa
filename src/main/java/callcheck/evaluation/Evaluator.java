package callcheck.evaluation;

import callcheck.engine.EngineBusyException;
import callcheck.engine.EngineClosedException;
import callcheck.engine.StuckEvaluation;
import callcheck.engine.EvaluationTimeoutException;
import callcheck.engine.Verdict;
import callcheck.pack.RulePack;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs evaluations within {@link EvaluationLimits}: at most {@code slots} at once, a bounded wait for a slot, and a
 * time budget for each.
 *
 * <p>With a budget, a pack whose rules a halt stops ({@link RulePack#unstoppable()} is null) on a proposal with few
 * items runs on the caller's thread, watched: when the budget runs out, a watchdog halts the session (no further rule
 * fires) and interrupts the thread (a rule that waits wakes up), and the caller gets
 * {@link EvaluationTimeoutException} naming the rule. Handing each evaluation to another thread cost more than the
 * evaluation itself (BENCHMARKS.md, the referee). Any other evaluation runs on one of this evaluator's worker threads
 * while the caller waits for it: when the budget runs out the session is halted, its thread interrupted, the caller
 * gets {@link EvaluationTimeoutException}, and the slot is free at once. A
 * consequence that spins without ever looking at its interrupt cannot be stopped in Java: its thread is left to it,
 * counted as stuck until it returns. At most {@code maxStuck} are; beyond that every evaluation is refused as busy, so
 * that stuck threads cannot pile up without bound (each still spins on a core until the process restarts, which
 * {@code /health} makes visible as degraded). {@link #close} gives every running evaluation up at once and waits for
 * them only within a bound, so that closing an engine never hangs on a rule.
 */
public final class Evaluator {
    /** How long after its last timeout an evaluator still counts as degraded. */
    static final Duration DEGRADED_FOR = Duration.ofSeconds(60);
    /** The least budget of a pack's evaluations until one has succeeded. */
    public static final Duration COLD_BUDGET = Duration.ofSeconds(5);
    private static final Evaluator UNLIMITED = new Evaluator(EvaluationLimits.none());

    private final EvaluationLimits limits;
    private final Semaphore slots;
    private final ThreadPoolExecutor workers;
    private final AtomicInteger stuck = new AtomicInteger();
    private final AtomicLong timeouts = new AtomicLong();
    private final AtomicReference<Instant> lastTimeout = new AtomicReference<>();
    /** The sessions running now, on workers or callers' threads, including those given up whose rule still runs. */
    private final Set<SessionRun> running = ConcurrentHashMap.newKeySet();
    /** The results callers wait for now, which {@link #close} cancels so that they return at once. */
    private final Set<Future<Verdict>> waiting = ConcurrentHashMap.newKeySet();
    /** The evaluations running on their callers' threads now, which the watchdog stops at their deadline. */
    private final Set<CallerRun> onCallers = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean watching = new AtomicBoolean();
    private volatile boolean closed;

    public Evaluator(EvaluationLimits limits) {
        this.limits = limits;
        this.slots = new Semaphore(limits.slots(), true);
        if (limits.hasBudget()) {
            // Enough threads for every slot and every stuck evaluation: a task never waits in the queue for long.
            int threads = limits.slots() + limits.maxStuck();
            AtomicInteger n = new AtomicInteger();
            workers = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "callcheck-evaluation-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            workers.allowCoreThreadTimeOut(true);
        } else {
            workers = null;
        }
    }

    /** Evaluates on the caller's thread without any limit: engines built without an evaluator of their own share it. */
    public static Evaluator unlimited() {
        return UNLIMITED;
    }

    public EvaluationLimits limits() {
        return limits;
    }

    /** What the evaluator went through, for /health and /metrics. */
    public record Stats(long timeouts, int stuck, Instant lastTimeout, boolean degraded) {
    }

    public Stats stats() {
        Instant last = lastTimeout.get();
        int nowStuck = stuck.get();
        boolean degraded = nowStuck > 0 || (last != null && last.isAfter(Instant.now().minus(DEGRADED_FOR)));
        return new Stats(timeouts.get(), nowStuck, last, degraded);
    }

    /**
     * Runs an evaluation with the pack within the limits: {@code evaluate} runs its session through the
     * {@link SessionRun} it is given, which a timeout halts. Until an evaluation with the pack has succeeded, the budget
     * is at least {@link #COLD_BUDGET}: Drools compiles each constraint the first time it is evaluated, and on a
     * loaded machine a pack's first evaluation took more than 500 ms (the soak run, BENCHMARKS.md). {@code fewItems}
     * says that the proposal is small enough for the caller's thread (Drools matches facts against conditions without
     * looking at a halt, so a rule joining long lists could run on past the budget: those go to a worker).
     */
    Verdict run(RulePack pack, boolean fewItems, Function<SessionRun, Verdict> evaluate) {
        if (closed) throw new EngineClosedException();
        acquireSlot();
        try {
            return runInSlot(pack, fewItems && pack.unstoppable() == null, evaluate);
        } catch (RuntimeException e) {
            // Closing halts the sessions and ends their pools under the evaluations running: whatever that throws means closed.
            if (closed && !(e instanceof EngineClosedException)) throw (EngineClosedException) new EngineClosedException().initCause(e);
            throw e;
        } finally {
            slots.release();
        }
    }

    private Verdict runInSlot(RulePack pack, boolean onCaller, Function<SessionRun, Verdict> evaluate) {
        if (workers == null) return tracked(new SessionRun(pack.call(), pack.version()), evaluate);
        if (stuck.get() >= limits.maxStuck()) {
            throw new EngineBusyException(stuck.get() + " evaluations are stuck in a rule past their time budget; none runs until "
                    + "they end, or until this engine is closed and a new one loaded", Duration.ofSeconds(60));
        }
        Duration budget = budget(pack);
        if (onCaller) return onCaller(pack, budget, evaluate);
        Task task = new Task(pack, evaluate);
        Future<Verdict> done;
        try {
            done = workers.submit(task::run);
        } catch (RejectedExecutionException e) {
            throw new EngineClosedException(); // closed since the check above
        }
        waiting.add(done);
        try {
            Verdict v = done.get(budget.toNanos(), TimeUnit.NANOSECONDS);
            pack.warmed();
            return v;
        } catch (TimeoutException e) {
            if (!task.abandon()) return result(done); // it finished just now
            done.cancel(true);
            timeouts.incrementAndGet();
            lastTimeout.set(Instant.now());
            throw new EvaluationTimeoutException(pack.call(), pack.version(), task.watch.firing(), budget);
        } catch (CancellationException e) {
            task.abandon(); // cancelled by close(): the rule may still run
            throw new EngineClosedException();
        } catch (InterruptedException e) {
            if (task.abandon()) done.cancel(true);
            Thread.currentThread().interrupt();
            throw new EngineBusyException("the evaluation was interrupted: its caller's thread is stopping", Duration.ofSeconds(1));
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        } finally {
            waiting.remove(done);
        }
    }

    private Duration budget(RulePack pack) {
        return pack.warm() || limits.budget().compareTo(COLD_BUDGET) > 0 ? limits.budget() : COLD_BUDGET;
    }

    /** Runs the evaluation on this thread, which the watchdog stops at the budget (or {@link #close} at once). */
    private Verdict onCaller(RulePack pack, Duration budget, Function<SessionRun, Verdict> evaluate) {
        if (Thread.currentThread().isInterrupted()) {
            throw new EngineBusyException("the evaluation was interrupted: its caller's thread is stopping", Duration.ofSeconds(1));
        }
        CallerRun run = new CallerRun(new SessionRun(pack.call(), pack.version()), System.nanoTime() + budget.toNanos());
        onCallers.add(run);
        watch();
        try {
            Verdict v = tracked(run.session, evaluate); // a halt during the rules throws: a verdict here is whole
            pack.warmed();
            return v;
        } catch (RuntimeException e) {
            if (run.timedOut()) {
                throw new EvaluationTimeoutException(pack.call(), pack.version(), run.session.firing(), budget);
            }
            if (run.stopped() || closed) throw (EngineClosedException) new EngineClosedException().initCause(e);
            if (interrupted(e)) {
                Thread.currentThread().interrupt(); // not ours: the caller's thread is stopping, and keeps its flag
                throw new EngineBusyException("the evaluation was interrupted: its caller's thread is stopping", Duration.ofSeconds(1));
            }
            throw e;
        } finally {
            onCallers.remove(run);
            run.finish();
        }
    }

    private static boolean interrupted(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) if (t instanceof InterruptedException) return true;
        return false;
    }

    /**
     * Starts the watchdog unless it runs: one daemon thread per evaluator, which ends after a second with nothing to
     * watch (so that an engine nobody closes leaves no thread behind for long).
     */
    private void watch() {
        if (watching.get() || !watching.compareAndSet(false, true)) return;
        Thread t = new Thread(this::watchdog, "callcheck-watchdog");
        t.setDaemon(true);
        t.start();
    }

    private void watchdog() {
        // Ticks of a twentieth of the budget (at most 50 ms): a timeout comes at most that late.
        long tick = Math.max(1_000_000L, Math.min(50_000_000L, limits.budget().toNanos() / 20));
        long idleSince = System.nanoTime();
        while (true) {
            try {
                TimeUnit.NANOSECONDS.sleep(tick);
            } catch (InterruptedException e) {
                watching.set(false); // the next evaluation on a caller's thread starts a watchdog again
                return;
            }
            long now = System.nanoTime();
            for (CallerRun run : onCallers) {
                if (now - run.deadline >= 0 && run.stop(true)) {
                    timeouts.incrementAndGet();
                    lastTimeout.set(Instant.now());
                }
            }
            if (!onCallers.isEmpty() && !closed) {
                idleSince = now;
            } else if (closed || now - idleSince > 1_000_000_000L) {
                watching.set(false);
                // a run added after the look above saw the watchdog still on: take the watch up again
                if (closed || onCallers.isEmpty() || !watching.compareAndSet(false, true)) return;
                idleSince = now;
            }
        }
    }

    /** Runs the session, known to {@link #close} and {@link #stuck} while it runs. */
    private Verdict tracked(SessionRun run, Function<SessionRun, Verdict> evaluate) {
        running.add(run);
        try {
            if (closed) run.halt(); // closed since the caller's check: no rule fires
            return evaluate.apply(run);
        } finally {
            running.remove(run);
        }
    }

    /**
     * The evaluations given up (past their budget, or halted by {@link #close}) whose rule still runs on its thread.
     */
    public List<StuckEvaluation> stuck() {
        return running.stream().filter(SessionRun::halted)
                .map(r -> new StuckEvaluation(r.call, r.version, r.firing(), r.started)).toList();
    }

    /**
     * Refuses every further evaluation with {@link EngineClosedException}, halts those running (no further rule fires,
     * worker threads are interrupted, their callers get {@link EngineClosedException} at once), and waits at most
     * {@code wait} for their rules to return. Never waits longer: a rule that spins deaf to interrupts is left running.
     *
     * @return the evaluations whose rules still ran when the wait ended
     */
    public List<StuckEvaluation> close(Duration wait) {
        closed = true;
        running.forEach(SessionRun::halt);
        onCallers.forEach(r -> r.stop(false));
        waiting.forEach(f -> f.cancel(true));
        if (workers != null) {
            for (Runnable queued : workers.shutdownNow()) if (queued instanceof Future<?> f) f.cancel(false);
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (!running.isEmpty() && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        running.forEach(SessionRun::halt); // any that slipped in past the first halt
        return stuck();
    }

    /**
     * Runs work that stops by itself at a budget of its own (a round's search, {@link EvaluationLimits#roundBudget})
     * on the caller's thread, in a slot: it counts among the evaluations at once, so that concurrent rounds cannot
     * take more cores than the slots.
     *
     * @throws callcheck.engine.EngineBusyException no slot came free in time
     */
    public <T> T inSlot(Supplier<T> work) {
        acquireSlot();
        try {
            return work.get();
        } finally {
            slots.release();
        }
    }

    private void acquireSlot() {
        boolean got;
        try {
            got = slots.tryAcquire(limits.slotWait().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineBusyException("interrupted while waiting for an evaluation slot: its caller's thread is stopping", Duration.ofSeconds(1));
        }
        if (!got) {
            throw new EngineBusyException("all " + limits.slots() + " evaluation slots stayed taken for " + limits.slotWait().toMillis()
                    + " ms", Duration.ofSeconds(1));
        }
    }

    private static Verdict result(Future<Verdict> done) {
        try {
            return done.get();
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException r) throw r;
        if (cause instanceof Error err) throw err;
        throw new IllegalStateException(cause);
    }

    /**
     * One evaluation on its caller's thread. Stopping it halts the session and interrupts the thread; the thread clears
     * that interrupt when it finishes, so that it never reaches the caller's later work.
     */
    private final class CallerRun {
        // Stopping for a timeout or a close are states of their own, so that the reason is set with the stop, not after it.
        private static final int RUNNING = 0, STOPPING = 1, STOPPED = 2, DONE = 3, TIMING_OUT = 4, TIMED_OUT = 5;
        final SessionRun session;
        final long deadline;
        final Thread thread = Thread.currentThread();
        private final AtomicInteger state = new AtomicInteger(RUNNING);

        CallerRun(SessionRun session, long deadline) {
            this.session = session;
            this.deadline = deadline;
        }

        /** Stops the run unless it has finished; true if this call stopped it. */
        boolean stop(boolean timeout) {
            if (!state.compareAndSet(RUNNING, timeout ? TIMING_OUT : STOPPING)) return false;
            stuck.incrementAndGet(); // until its rule returns: a rule that does not is visible in stuck()
            session.halt();
            thread.interrupt();
            state.set(timeout ? TIMED_OUT : STOPPED);
            return true;
        }

        boolean stopped() {
            int s = state.get();
            return s != RUNNING && s != DONE;
        }

        boolean timedOut() {
            int s = state.get();
            return s == TIMING_OUT || s == TIMED_OUT;
        }

        /** On the run's own thread, when the evaluation has returned or thrown. */
        void finish() {
            if (state.compareAndSet(RUNNING, DONE)) return;
            while (state.get() == STOPPING || state.get() == TIMING_OUT) Thread.onSpinWait(); // the interrupt is on its way: let it land, then clear it
            Thread.interrupted();
            stuck.decrementAndGet();
        }
    }

    /** One evaluation on a worker: it finishes, or the caller abandons it first and it counts as stuck until it ends. */
    private final class Task {
        private static final int NEW = 0, RUNNING = 1, DONE = 2, ABANDONED = 3;
        final SessionRun watch;
        private final Function<SessionRun, Verdict> evaluate;
        private final AtomicInteger state = new AtomicInteger(NEW);

        Task(RulePack pack, Function<SessionRun, Verdict> evaluate) {
            this.watch = new SessionRun(pack.call(), pack.version());
            this.evaluate = evaluate;
        }

        Verdict run() {
            if (!state.compareAndSet(NEW, RUNNING)) return null; // abandoned before it started
            try {
                return tracked(watch, evaluate);
            } finally {
                if (!state.compareAndSet(RUNNING, DONE)) stuck.decrementAndGet();
            }
        }

        /** Gives the evaluation up, unless it just finished; halts its session so that no further rule fires. */
        boolean abandon() {
            if (state.compareAndSet(NEW, ABANDONED)) return true;
            if (!state.compareAndSet(RUNNING, ABANDONED)) return false;
            stuck.incrementAndGet();
            watch.halt();
            return true;
        }
    }
}
