/**
 * The engine as a library: load the rule packs of a rules folder ({@link callcheck.engine.Engine#load}, from disk,
 * a zip or jar file system, or {@link callcheck.engine.Engine#fromClasspath the class path}), evaluate proposals
 * from any number of threads, and read the {@link callcheck.engine.Verdict}: the outcome, every
 * {@link callcheck.engine.Finding} with its source, the rules that passed and the {@link callcheck.engine.FinancingPlan}.
 * A pack that does not compile throws {@link callcheck.engine.PackException} with every error's file and line; a call
 * or version that is not loaded throws {@link callcheck.engine.UnknownCallException}; every exception is a
 * {@link callcheck.engine.CallcheckException} with an {@link callcheck.engine.ErrorCode}. Beyond one verdict: a round
 * of proposals ({@link callcheck.engine.Engine#round}), a version's rules, parameters and documents
 * ({@link callcheck.engine.Engine#rules}), and the examples runner with its rule coverage
 * ({@link callcheck.engine.Examples}). It needs Drools, the KIE API,
 * Jackson and the SLF4J API only: no server, store or logging backend.
 */
package callcheck.engine;
