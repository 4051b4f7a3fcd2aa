package callcheck.engine;

import callcheck.examples.Example;
import callcheck.examples.ExampleResult;
import callcheck.examples.ExampleRun;
import callcheck.examples.RoundExample;
import callcheck.examples.RoundExampleResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a folder of examples against an engine's packs, as {@code callcheck test} does, so that an agency's own build
 * can check its rules: every example ({@code <call>/<name>.json} beside {@code <name>.expected.json}, the verdict and
 * the rule ids it must give) and round example ({@code <call>/rounds/<name>.json}), and which rules the examples
 * cover.
 *
 * <pre>{@code
 * try (Engine engine = Engine.load(Path.of("rules"))) {
 *     Examples.Report report = Examples.run(engine, Path.of("examples"));
 *     report.failed().forEach(c -> System.err.println(c.call() + "/" + c.name() + ": " + c.difference()));
 *     if (!report.ok()) System.exit(1);
 * }
 * }</pre>
 */
public final class Examples {
    private Examples() {
    }

    /**
     * Runs every example of the folder, each within the engine's evaluation budget.
     *
     * @param engine   the engine whose packs decide
     * @param examples the examples folder, a folder per call
     * @return what each example gave and the rule coverage over every pack of the engine
     * @throws java.io.UncheckedIOException when the folder cannot be read
     * @throws IllegalStateException        when an example has no {@code .expected.json} beside it
     * @throws EngineClosedException        when the engine is closed
     */
    public static Report run(Engine engine, Path examples) {
        return run(engine, examples, null);
    }

    /**
     * Runs the examples of one call, or of every call.
     *
     * @param engine   the engine whose packs decide
     * @param examples the examples folder, a folder per call
     * @param call     the call whose examples run and whose rules count in the coverage; null for every call
     * @return what each example gave and the rule coverage
     * @throws java.io.UncheckedIOException when the folder cannot be read
     * @throws IllegalStateException        when an example has no {@code .expected.json} beside it
     * @throws EngineClosedException        when the engine is closed
     */
    public static Report run(Engine engine, Path examples, String call) {
        return report(ExampleRun.run(engine.packEngine(), examples, call));
    }

    /**
     * A run of the examples as this API reports it ({@code callcheck test} prints it).
     *
     * @param run the examples run
     * @return its cases and coverage
     */
    public static Report report(ExampleRun run) {
        List<Case> cases = new ArrayList<>();
        for (ExampleResult r : run.results()) {
            Example e = r.example();
            cases.add(new Case(e.call(), e.name(), false, r.verdict() == null ? null : r.verdict().version(), e.expected().verdict().name(),
                    r.verdict() == null ? "error" : r.verdict().verdict().name(), r.passed(), r.difference()));
        }
        for (RoundExampleResult r : run.rounds()) {
            RoundExample e = r.example();
            cases.add(new Case(e.call(), RoundExample.FOLDER + "/" + e.name(), true, r.result() == null ? null : r.result().version(),
                    String.join(" ", e.expected().findings()), r.result() == null ? "error" : String.join(" ", r.foundIds()),
                    r.passed(), r.difference()));
        }
        return new Report(cases, run.coverage().rules(), run.coverage().unreached());
    }

    /**
     * What the examples gave.
     *
     * @param cases     every example, then every round example, each with its result
     * @param coverage  per call and rule id, how the examples exercise it, sorted
     * @param unreached the pack versions ({@code call/version}) that decided no example
     */
    public record Report(List<Case> cases, List<RuleCoverage> coverage, List<String> unreached) {
        /**
         * Copies the lists.
         *
         * @param cases     every example, then every round example, each with its result
         * @param coverage  per call and rule id, how the examples exercise it, sorted
         * @param unreached the pack versions that decided no example
         */
        public Report {
            cases = List.copyOf(cases);
            coverage = List.copyOf(coverage);
            unreached = List.copyOf(unreached);
        }

        /**
         * The examples that did not give what they expect.
         *
         * @return those cases, in order
         */
        public List<Case> failed() {
            return cases.stream().filter(c -> !c.passed()).toList();
        }

        /**
         * The rules no example makes find something, or that no example gets past.
         *
         * @return those rules
         */
        public List<RuleCoverage> uncovered() {
            return coverage.stream().filter(r -> !r.covered()).toList();
        }

        /**
         * What {@code callcheck test} exits 0 on: every example passes, every rule is covered, every version reached.
         *
         * @return true when all holds
         */
        public boolean ok() {
            return failed().isEmpty() && uncovered().isEmpty() && unreached.isEmpty();
        }
    }

    /**
     * One example and what it gave.
     *
     * @param call       the call id (its folder)
     * @param name       the example's name: its file name without {@code .json}; {@code rounds/<name>} for a round
     * @param round      whether it is a round example
     * @param version    the version that decided, or null when it gave an error
     * @param expected   the outcome it expects ({@code ELIGIBLE}...); for a round, the call-level rule ids it
     *                   expects, space-separated
     * @param actual     the outcome it got, or {@code error}; for a round, the call-level rule ids found
     * @param passed     whether it gave what it expects
     * @param difference what differs, or the error; empty when it passed
     */
    public record Case(String call, String name, boolean round, String version, String expected, String actual, boolean passed, String difference) {
    }
}
