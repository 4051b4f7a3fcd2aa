package callcheck.pack;

/**
 * How packs compile and evaluate. The defaults are what BENCHMARKS.md measured best; each switch stays so that the
 * benchmarks can measure it again. The application reads them from system properties
 * ({@code -Dcallcheck.sequential=false}); the library takes {@link callcheck.engine.EngineOptions}.
 *
 * @param executableModel compile to Drools' executable model (Java lambdas) instead of DRL with MVEL constraints
 * @param sequential      Drools' sequential mode: one pass over the rules, no agenda bookkeeping
 * @param sessionPool     reuse sessions from a pool per pack instead of building one per evaluation
 * @param parallelLoad    compile the packs of a rules folder on several threads at once
 * @param hotAfter        after this many evaluations, rules compiled from DRL are compiled again to the executable model
 *                        on a background thread and swapped in ({@link HotUpgrade}); 0 never
 */
public record PackOptions(boolean executableModel, boolean sequential, boolean sessionPool, boolean parallelLoad, int hotAfter) {
    /** Evaluations of a pack's rules after which they are upgraded to the executable model, by default. */
    public static final int HOT_AFTER = 10_000;
    /**
     * What BENCHMARKS.md measured best: DRL with MVEL constraints (the fastest to compile) until the rules are hot, then
     * the executable model; sequential, pooled sessions, parallel load.
     */
    public static final PackOptions DEFAULTS = new PackOptions(false, true, true, true, HOT_AFTER);

    public PackOptions {
        if (hotAfter < 0) throw new IllegalArgumentException("hotAfter must be zero or more: " + hotAfter);
    }

    /** The options with the default upgrade of hot rules. */
    public PackOptions(boolean executableModel, boolean sequential, boolean sessionPool, boolean parallelLoad) {
        this(executableModel, sequential, sessionPool, parallelLoad, HOT_AFTER);
    }

    /**
     * From the system properties {@code callcheck.executableModel}, {@code callcheck.sequential},
     * {@code callcheck.sessionPool}, {@code callcheck.parallelLoad} and {@code callcheck.hotAfter} (0 for never).
     */
    public static PackOptions fromSystemProperties() {
        return new PackOptions(flag("callcheck.executableModel", DEFAULTS.executableModel), flag("callcheck.sequential", DEFAULTS.sequential),
                flag("callcheck.sessionPool", DEFAULTS.sessionPool), flag("callcheck.parallelLoad", DEFAULTS.parallelLoad),
                Integer.getInteger("callcheck.hotAfter", DEFAULTS.hotAfter));
    }

    private static boolean flag(String name, boolean otherwise) {
        String v = System.getProperty(name);
        return v == null ? otherwise : Boolean.parseBoolean(v);
    }
}
