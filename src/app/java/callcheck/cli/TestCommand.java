package callcheck.cli;

import callcheck.engine.Examples;
import callcheck.engine.RuleCoverage;
import callcheck.evaluation.EvaluationLimits;
import callcheck.evaluation.Evaluator;
import callcheck.evaluation.PackEngine;
import callcheck.evaluation.LoadReport;
import callcheck.examples.ExampleRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Runs every example against its pack and prints a table of expected and actual verdicts, then the rule coverage:
 * per rule, in how many examples it found something and in how many it passed ({@link RuleCoverage}); the same run as
 * {@link Examples}. Exit 0 when every example gives what it expects and the coverage is complete (the same checks as
 * {@code mvn verify}), 1 otherwise, 2 when the rules or examples cannot be read.
 */
@Command(name = "test", description = {"Run every example and round example; print expected and actual verdicts and the rule coverage.",
        "Exit 1 on a wrong example, on a rule that no example makes find something or that refuses every example,",
        "or on a pack version that no example reaches.",
        "--accept shows each example whose result changed and, once confirmed (or with --yes), rewrites its .expected.json."})
final class TestCommand implements Callable<Integer> {
    @Option(names = "--rules", defaultValue = "${env:CALLCHECK_RULES:-rules}", description = "rules folder (default: ${DEFAULT-VALUE})")
    Path rules;

    @Option(names = "--examples", defaultValue = "examples", description = "examples folder (default: ${DEFAULT-VALUE})")
    Path examples;

    @Option(names = "--call", description = "only this call's examples and rules")
    String call;

    @Option(names = "--accept", description = "show each example whose result changed, then (once confirmed) rewrite its .expected.json to expect it")
    boolean accept;

    @Option(names = "--yes", description = "with --accept: rewrite without asking")
    boolean yes;
    @Option(names = "--evaluation-budget", defaultValue = "${env:CALLCHECK_EVALUATION_BUDGET:-500}", paramLabel = "MS",
            description = "milliseconds an example may take (over it fails the example, naming the rule), as serve's budget; 0 for none (default: ${DEFAULT-VALUE})")
    long budgetMillis;

    @picocli.CommandLine.Mixin
    CacheOption cache;

    @Override
    public Integer call() {
        if (yes && !accept) {
            System.err.println("--yes goes with --accept");
            return 2;
        }
        callcheck.pack.CompiledPackCache packCache = cache.open();
        LoadReport report;
        try {
            report = ValidateCommand.load(rules, System.err, call, packCache);
        } finally {
            CacheOption.finish(packCache);
        }
        if (report == null) return 2;
        if (!report.failures().isEmpty()) {
            System.err.println("the rules do not compile:");
            ValidateCommand.printErrors(rules, report, System.err);
            return 2;
        }
        PackEngine engine = new PackEngine(report.packs(), new Evaluator(EvaluationLimits.withBudget(Duration.ofMillis(budgetMillis))));
        ExampleRun run;
        try {
            run = ExampleRun.run(engine, examples, call);
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        if (accept && Accept.run(run.results(), run.rounds(), yes, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), System.out) > 0) {
            run = ExampleRun.run(engine, examples, call); // read back what was written: the tables show the files as they now are
        }
        Examples.Report result = run.report();

        Table table = new Table("EXAMPLE", "VERSION", "EXPECTED", "ACTUAL", "RESULT");
        Table roundTable = new Table("ROUND", "VERSION", "EXPECTED", "ACTUAL", "RESULT");
        for (Examples.Case c : result.cases()) {
            (c.round() ? roundTable : table).row(c.call() + "/" + c.name(), c.version() == null ? "-" : c.version(), c.expected(), c.actual(),
                    c.passed() ? "pass" : "FAIL  " + c.difference());
        }
        table.print(System.out);
        long rounds = result.cases().stream().filter(Examples.Case::round).count();
        if (rounds > 0) {
            System.out.println();
            roundTable.print(System.out);
        }
        int failed = result.failed().size();

        System.out.println();
        System.out.println("Rule coverage over each call's versions: FOUND = examples in which the rule finds something, PASSED = examples it passes.");
        Table cov = new Table("CALL", "RULE", "VERSIONS", "FOUND", "PASSED", "");
        for (RuleCoverage c : result.coverage()) {
            cov.row(c.call(), c.rule(), String.join(" ", c.versions()), String.valueOf(c.found()), String.valueOf(c.passed()),
                    c.covered() ? (c.passed() == 0 ? "(never silent, refuses in " + c.refused() + ")" : "") : "UNCOVERED: " + c.gap());
        }
        cov.print(System.out);
        for (String version : result.unreached()) System.out.println("UNREACHED: no example is decided by " + version);
        System.out.println();
        System.out.println(result.cases().size() + " examples (" + rounds + " rounds): "
                + (result.cases().size() - failed) + " pass, " + failed + " fail; "
                + result.coverage().size() + " rules: " + (result.coverage().size() - result.uncovered().size()) + " covered, "
                + result.uncovered().size() + " uncovered; " + result.unreached().size() + " versions unreached");
        return result.ok() ? 0 : 1;
    }
}
