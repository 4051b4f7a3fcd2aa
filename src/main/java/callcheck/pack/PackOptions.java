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
 */
public record PackOptions(boolean executableModel, boolean sequential, boolean sessionPool, boolean parallelLoad) {
    /** What BENCHMARKS.md measured best: DRL with MVEL constraints, sequential, pooled sessions, parallel load. */
    public static final PackOptions DEFAULTS = new PackOptions(false, true, true, true);

    /**
     * From the system properties {@code callcheck.executableModel}, {@code callcheck.sequential},
     * {@code callcheck.sessionPool} and {@code callcheck.parallelLoad}.
     */
    public static PackOptions fromSystemProperties() {
        return new PackOptions(flag("callcheck.executableModel", DEFAULTS.executableModel), flag("callcheck.sequential", DEFAULTS.sequential),
                flag("callcheck.sessionPool", DEFAULTS.sessionPool), flag("callcheck.parallelLoad", DEFAULTS.parallelLoad));
    }

    private static boolean flag(String name, boolean otherwise) {
        String v = System.getProperty(name);
        return v == null ? otherwise : Boolean.parseBoolean(v);
    }
}
