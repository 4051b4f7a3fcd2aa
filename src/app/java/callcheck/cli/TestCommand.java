package callcheck.cli;

import callcheck.internal.engine.EvaluationLimits;
import callcheck.internal.engine.Evaluator;
import callcheck.internal.engine.PackEngine;
import callcheck.internal.engine.LoadReport;
import callcheck.internal.examples.Coverage;
import callcheck.internal.examples.Example;
import callcheck.internal.examples.ExampleResult;
import callcheck.internal.examples.RoundExample;
import callcheck.internal.examples.RoundExampleResult;
import callcheck.internal.engine.PackSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Runs every example against its pack and prints a table of expected and actual verdicts, then the rule coverage:
 * per rule, in how many examples it found something and in how many it passed ({@link Coverage}). Exit 0 when every
 * example gives what it expects and the coverage is complete (the same checks as {@code mvn verify}), 1 otherwise,
 * 2 when the rules or examples cannot be read.
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

    @Override
    public Integer call() {
        if (yes && !accept) {
            System.err.println("--yes goes with --accept");
            return 2;
        }
        LoadReport report = ValidateCommand.load(rules, System.err);
        if (report == null) return 2;
        if (!report.failures().isEmpty()) {
            System.err.println("the rules do not compile:");
            ValidateCommand.printErrors(rules, report, System.err);
            return 2;
        }
        List<Example> all;
        List<RoundExample> allRounds;
        try {
            all = Example.all(examples).stream().filter(e -> call == null || e.call().equals(call)).toList();
            allRounds = RoundExample.all(examples).stream().filter(e -> call == null || e.call().equals(call)).toList();
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        PackSet packs = call == null ? report.packs()
                : new PackSet(report.packs().all().stream().filter(p -> p.call().equals(call)).toList(), report.packs().reference());
        PackEngine engine = new PackEngine(packs, new Evaluator(EvaluationLimits.withBudget(Duration.ofMillis(budgetMillis))));
        List<ExampleResult> results = all.stream().map(e -> ExampleResult.run(engine, e)).toList();
        List<RoundExampleResult> rounds = allRounds.stream().map(e -> RoundExampleResult.run(packs, e)).toList();
        if (accept && Accept.run(results, rounds, yes, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), System.out) > 0) {
            // Read back what was written: the tables below show the files as they now are.
            all = Example.all(examples).stream().filter(e -> call == null || e.call().equals(call)).toList();
            results = all.stream().map(e -> ExampleResult.run(engine, e)).toList();
            allRounds = RoundExample.all(examples).stream().filter(e -> call == null || e.call().equals(call)).toList();
            rounds = allRounds.stream().map(e -> RoundExampleResult.run(packs, e)).toList();
        }

        Table table = new Table("EXAMPLE", "VERSION", "EXPECTED", "ACTUAL", "RESULT");
        for (ExampleResult r : results) {
            Example e = r.example();
            table.row(e.call() + "/" + e.name(), r.verdict() == null ? "-" : r.verdict().version(), e.expected().verdict().name(),
                    r.verdict() == null ? "error" : r.verdict().verdict().name(), r.passed() ? "pass" : "FAIL  " + r.difference());
        }
        table.print(System.out);
        if (!rounds.isEmpty()) {
            System.out.println();
            Table roundTable = new Table("ROUND", "VERSION", "EXPECTED", "ACTUAL", "RESULT");
            for (RoundExampleResult r : rounds) {
                RoundExample e = r.example();
                roundTable.row(e.call() + "/" + RoundExample.FOLDER + "/" + e.name(), r.result() == null ? "-" : r.result().version(),
                        String.join(" ", e.expected().findings()), r.result() == null ? "error" : String.join(" ", r.foundIds()),
                        r.passed() ? "pass" : "FAIL  " + r.difference());
            }
            roundTable.print(System.out);
        }
        long failed = results.stream().filter(r -> !r.passed()).count() + rounds.stream().filter(r -> !r.passed()).count();

        Coverage coverage = Coverage.of(packs, results, rounds);
        System.out.println();
        System.out.println("Rule coverage over each call's versions: FOUND = examples in which the rule finds something, PASSED = examples it passes.");
        Table cov = new Table("CALL", "RULE", "VERSIONS", "FOUND", "PASSED", "");
        for (Coverage.RuleCoverage c : coverage.rules()) {
            cov.row(c.call(), c.rule(), String.join(" ", c.versions()), String.valueOf(c.found()), String.valueOf(c.passed()),
                    c.covered() ? (c.passed() == 0 ? "(never silent, refuses in " + c.refused() + ")" : "") : "UNCOVERED: " + c.gap());
        }
        cov.print(System.out);
        for (String version : coverage.unreached()) System.out.println("UNREACHED: no example is decided by " + version);
        System.out.println();
        System.out.println(results.size() + rounds.size() + " examples (" + rounds.size() + " rounds): "
                + (results.size() + rounds.size() - failed) + " pass, " + failed + " fail; "
                + coverage.rules().size() + " rules: " + (coverage.rules().size() - coverage.uncovered().size()) + " covered, "
                + coverage.uncovered().size() + " uncovered; " + coverage.unreached().size() + " versions unreached");
        return failed == 0 && coverage.complete() ? 0 : 1;
    }
}
