package callcheck.engine;

/**
 * How {@link Engine#load(java.nio.file.Path, EngineOptions)} compiles the packs. Immutable; build one with
 * {@link #builder()}, or take {@link #defaults()}.
 *
 * <pre>{@code
 * EngineOptions options = EngineOptions.builder().executableModel(true).build();
 * Engine engine = Engine.load(Path.of("rules"), options);
 * }</pre>
 */
public final class EngineOptions {
    /**
     * The default {@link #evaluationBudget()}: warm evaluations of the project's packs take a few milliseconds and a
     * pack's first one under a second on a loaded machine, so ten seconds never cuts an honest evaluation short, while
     * a rule that loops costs its caller ten seconds, not its thread for ever.
     */
    public static final java.time.Duration DEFAULT_EVALUATION_BUDGET = java.time.Duration.ofSeconds(10);
    private static final EngineOptions DEFAULTS = new Builder().build();

    private final boolean executableModel;
    private final boolean hotUpgrade;
    private final boolean parallelLoad;
    private final java.time.Duration evaluationBudget;
    private final java.nio.file.Path cacheDirectory;
    private final boolean partialLoad;

    private EngineOptions(Builder b) {
        this.partialLoad = b.partialLoad;
        this.executableModel = b.executableModel;
        this.hotUpgrade = b.hotUpgrade;
        this.parallelLoad = b.parallelLoad;
        this.evaluationBudget = b.evaluationBudget;
        this.cacheDirectory = b.cacheDirectory;
    }

    /**
     * The defaults: rules compiled as DRL with MVEL constraints, packs compiled in parallel, a time budget of
     * {@link #DEFAULT_EVALUATION_BUDGET} per evaluation, no cache, and a pack that does not compile failing the load.
     *
     * @return the default options
     */
    public static EngineOptions defaults() {
        return DEFAULTS;
    }

    /**
     * A builder starting from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether rules compile to Drools' executable model (Java lambdas) instead of DRL with MVEL constraints.
     *
     * @return true for the executable model
     */
    public boolean executableModel() {
        return executableModel;
    }

    /**
     * Whether a pack's rules, compiled from DRL, are compiled again to the executable model in the background once hot.
     *
     * @return true to upgrade hot rules
     */
    public boolean hotUpgrade() {
        return hotUpgrade;
    }

    /**
     * Whether the packs of a rules folder compile on several threads at once.
     *
     * @return true when loading in parallel
     */
    public boolean parallelLoad() {
        return parallelLoad;
    }

    /**
     * The time one evaluation may take before it is abandoned with {@link EvaluationTimeoutException}.
     *
     * @return the budget; zero for none; {@link #DEFAULT_EVALUATION_BUDGET} unless set
     */
    public java.time.Duration evaluationBudget() {
        return evaluationBudget;
    }

    /**
     * Where compiled packs are kept between loads, or null (the default) for none.
     *
     * @return the cache folder, or null
     */
    public java.nio.file.Path cacheDirectory() {
        return cacheDirectory;
    }

    /**
     * Whether the packs that compile load when others do not ({@link Engine#failures()} lists those), rather than the
     * load failing.
     *
     * @return true when loading partially; false (the default) when any pack that does not compile fails the load
     */
    public boolean partialLoad() {
        return partialLoad;
    }

    /** Builds {@link EngineOptions}; every setting starts at its default. */
    public static final class Builder {
        private boolean executableModel = false;
        private boolean hotUpgrade = true;
        private boolean parallelLoad = true;
        private java.time.Duration evaluationBudget = DEFAULT_EVALUATION_BUDGET;
        private java.nio.file.Path cacheDirectory;
        private boolean partialLoad = false;

        private Builder() {
        }

        /**
         * Compiles to the executable model: about 1.2 times the evaluations per second of DRL, but each pack takes
         * about twice as long to compile (BENCHMARKS.md). Off by default: the rules compile from DRL, and are compiled
         * again to the executable model once hot ({@link #hotUpgrade}).
         *
         * @param on true for the executable model
         * @return this builder
         */
        public Builder executableModel(boolean on) {
            this.executableModel = on;
            return this;
        }

        /**
         * Upgrades hot rules (the default): rules compiled from DRL that have served
         * {@value callcheck.pack.PackOptions#HOT_AFTER} evaluations are compiled again to the executable model on one
         * background thread of low priority (a core for some seconds per pack), and swapped in between two evaluations;
         * verdicts stay the same, they come faster (BENCHMARKS.md). The start is as fast as with DRL, and a process
         * that evaluates little never pays for it. Closing the engine drops an upgrade under way.
         *
         * @param on false to keep the rules as they compiled
         * @return this builder
         */
        public Builder hotUpgrade(boolean on) {
            this.hotUpgrade = on;
            return this;
        }

        /**
         * Compiles the packs on as many threads as there are processors (the default), or one after the other.
         *
         * @param on true to compile in parallel
         * @return this builder
         */
        public Builder parallelLoad(boolean on) {
            this.parallelLoad = on;
            return this;
        }

        /**
         * A time budget per evaluation, against rules that loop or wait on some proposal: past it the evaluation is
         * halted and {@code evaluate} throws {@link EvaluationTimeoutException} naming the rule that was firing.
         * {@link #DEFAULT_EVALUATION_BUDGET} (ten seconds) by default; a pack's first evaluation gets at least five
         * seconds, as it compiles the constraints it meets.
         *
         * <p>With a budget the evaluation runs in one of a slot per processor (a caller waits for a slot at most the
         * budget, then gets {@link EngineBusyException}): on the caller's thread, watched, when a halt stops everything
         * the pack's rules can run (no loop, function, regular expression or class outside the model) and the proposal
         * lists at most 100 items; otherwise on one of the engine's worker threads while the caller waits for it.
         * A consequence that spins without ever looking at its thread's interrupt can only be left running
         * ({@link Engine#stuckEvaluations()}); once eight are, {@code evaluate} throws {@link EngineBusyException}
         * until they end, or until the engine is closed and a new one loaded. With zero (no budget) the evaluation runs
         * on the caller's thread, without limits, and a rule that loops blocks its caller for ever; {@link Engine#close()}
         * still returns.
         *
         * @param budget the budget; zero for none
         * @return this builder
         */
        public Builder evaluationBudget(java.time.Duration budget) {
            if (budget == null || budget.isNegative()) throw new IllegalArgumentException("the evaluation budget must be zero or more: " + budget);
            this.evaluationBudget = budget;
            return this;
        }

        /**
         * Keeps compiled packs in this folder (made when first written), so that a later load of a pack whose files,
         * included modules and reference data are unchanged, with the same callcheck and Drools, reads it back instead
         * of compiling it: a fraction of the compile time, and evaluated as the executable model. A pack not found
         * there compiles as usual and is stored from a background thread of low priority; an entry found corrupt is
         * ignored and rebuilt. Off (null) by default, so that the library writes nowhere unless told.
         *
         * <p>Storing takes some seconds per pack, after loading: a process that exits soon after loading calls
         * {@link Engine#awaitCache} first, else the packs not yet stored compile again at its next start.
         * {@link Engine#close()} takes no more packs but lets those queued be stored while the process lives.
         *
         * @param folder the cache folder, or null for none
         * @return this builder
         */
        public Builder cacheDirectory(java.nio.file.Path folder) {
            this.cacheDirectory = folder;
            return this;
        }

        /**
         * Loads the packs that compile when others do not, instead of failing: the engine serves the other calls,
         * {@link Engine#failures()} gives each failed version folder's errors (logged as a warning too), and evaluating
         * a call none of whose packs loaded throws {@link UnknownCallException} with those errors. Off by default: any
         * pack that does not compile fails the load with {@link PackException}.
         *
         * @param on true to load partially
         * @return this builder
         */
        public Builder partialLoad(boolean on) {
            this.partialLoad = on;
            return this;
        }

        /**
         * The options set so far.
         *
         * @return the options
         */
        public EngineOptions build() {
            return new EngineOptions(this);
        }
    }
}
