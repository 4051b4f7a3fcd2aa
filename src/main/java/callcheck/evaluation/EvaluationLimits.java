package callcheck.evaluation;

import java.time.Duration;

/**
 * How much one evaluation may take, and how many run at once ({@link Evaluator}).
 *
 * @param budget      the time one evaluation may run before it is abandoned; zero for no budget (the evaluation
 *                    then runs on the caller's thread)
 * @param slots       how many evaluations run at once; further callers wait for a slot
 * @param slotWait    how long a caller waits for a slot before {@link callcheck.engine.EngineBusyException}
 * @param maxStuck    how many abandoned evaluations may still be running (a consequence that loops without ever
 *                    looking at its thread's interrupt cannot be stopped in Java, only left); once this many are,
 *                    every evaluation is refused as busy rather than adding threads without bound
 * @param roundBudget the time a round's search for the best selection may run (in a slot, as an evaluation) before
 *                    it answers the best selection found, not proven
 */
public record EvaluationLimits(Duration budget, int slots, Duration slotWait, int maxStuck, Duration roundBudget) {
    /** The default budget: the slowest example of the project's packs takes a few ms once warm. */
    public static final Duration DEFAULT_BUDGET = Duration.ofMillis(500);
    public static final Duration DEFAULT_SLOT_WAIT = Duration.ofSeconds(2);
    public static final int DEFAULT_MAX_STUCK = 8;
    /** The default round budget: a hard round of 500 proposals otherwise searched for about 10 minutes (issue 20). */
    public static final Duration DEFAULT_ROUND_BUDGET = Duration.ofSeconds(10);

    /** With the default round budget. */
    public EvaluationLimits(Duration budget, int slots, Duration slotWait, int maxStuck) {
        this(budget, slots, slotWait, maxStuck, DEFAULT_ROUND_BUDGET);
    }

    public EvaluationLimits {
        if (budget.isNegative()) throw new IllegalArgumentException("the evaluation budget is negative: " + budget);
        if (slots < 1) throw new IllegalArgumentException("at least one evaluation slot is needed, not " + slots);
        if (slotWait.isNegative()) throw new IllegalArgumentException("the slot wait is negative: " + slotWait);
        if (maxStuck < 0) throw new IllegalArgumentException("maxStuck is negative: " + maxStuck);
        if (roundBudget.isNegative() || roundBudget.isZero()) throw new IllegalArgumentException("the round budget is not positive: " + roundBudget);
    }

    /**
     * The defaults: one slot per processor (sixteen evaluations sliced over two cores took more CPU each, BENCHMARKS.md),
     * the default budget, slot wait and stuck limit.
     */
    public static EvaluationLimits defaults() {
        return withBudget(DEFAULT_BUDGET);
    }

    /**
     * No limit: no budget, no bound on evaluations at once, as a library embedding the engine evaluates unless it
     * asks for limits.
     */
    public static EvaluationLimits none() {
        return new EvaluationLimits(Duration.ZERO, Integer.MAX_VALUE, Duration.ZERO, 0);
    }

    /** The defaults with another budget (zero: none). */
    public static EvaluationLimits withBudget(Duration budget) {
        return new EvaluationLimits(budget, Runtime.getRuntime().availableProcessors(), DEFAULT_SLOT_WAIT, DEFAULT_MAX_STUCK);
    }

    /**
     * An embedding library's limits with that budget: a slot per processor (more at once would not go faster), a caller
     * waiting for a slot as long as an evaluation may run, the default stuck limit.
     */
    public static EvaluationLimits forLibrary(Duration budget) {
        return new EvaluationLimits(budget, Runtime.getRuntime().availableProcessors(), budget, DEFAULT_MAX_STUCK);
    }

    /** These limits with another round budget. */
    public EvaluationLimits withRoundBudget(Duration roundBudget) {
        return new EvaluationLimits(budget, slots, slotWait, maxStuck, roundBudget);
    }

    public boolean hasBudget() {
        return !budget.isZero();
    }
}
