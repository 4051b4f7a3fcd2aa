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
    private static final EngineOptions DEFAULTS = new Builder().build();

    private final boolean executableModel;
    private final boolean parallelLoad;
    private final java.time.Duration evaluationBudget;
    private final java.nio.file.Path cacheDirectory;

    private EngineOptions(Builder b) {
        this.executableModel = b.executableModel;
        this.parallelLoad = b.parallelLoad;
        this.evaluationBudget = b.evaluationBudget;
        this.cacheDirectory = b.cacheDirectory;
    }

    /**
     * The defaults: rules compiled as DRL with MVEL constraints, packs compiled in parallel.
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
     * @return the budget; zero for none (the default)
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

    /** Builds {@link EngineOptions}; every setting starts at its default. */
    public static final class Builder {
        private boolean executableModel = false;
        private boolean parallelLoad = true;
        private java.time.Duration evaluationBudget = java.time.Duration.ZERO;
        private java.nio.file.Path cacheDirectory;

        private Builder() {
        }

        /**
         * Compiles to the executable model: about 1.2 times the evaluations per second of DRL, but each pack takes
         * about twice as long to compile (BENCHMARKS.md). Off by default.
         *
         * @param on true for the executable model
         * @return this builder
         */
        public Builder executableModel(boolean on) {
            this.executableModel = on;
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
         * halted and {@code evaluate} throws {@link EvaluationTimeoutException} naming the rule that was firing. The
         * evaluation then runs on a worker thread while the caller waits; a consequence that spins without ever
         * looking at its thread's interrupt can only be left running, and once several are, {@code evaluate} throws
         * {@link EngineBusyException}. None by default: the evaluation runs on the caller's thread.
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
         * ignored and rebuilt. Off (null) by default; {@link Engine#close()} stops the background thread.
         *
         * @param folder the cache folder, or null for none
         * @return this builder
         */
        public Builder cacheDirectory(java.nio.file.Path folder) {
            this.cacheDirectory = folder;
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
