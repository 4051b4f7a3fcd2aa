package callcheck.cli;

import callcheck.engine.Examples;
import callcheck.engine.RuleCoverage;
import callcheck.evaluation.EvaluationLimits;
import callcheck.evaluation.Evaluator;
import callcheck.evaluation.PackEngine;
import callcheck.evaluation.LoadReport;
import callcheck.examples.ExampleRun;
import callcheck.json.Json;
import callcheck.pack.CompiledPackCache;
import callcheck.pack.PackLoader;
import callcheck.pack.PackOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
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

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|json",
            description = "table (default), or json: the results, the coverage and the versions unreached, one JSON document per run")
    String format;

    @Option(names = "--watch", description = "stay running; on each save under the rules or examples folder, run the changed call's examples again (Ctrl-C ends)")
    boolean watch;

    @picocli.CommandLine.Mixin
    CacheOption cache;

    /** The packs of the last run, per call run ("null": every call): held so that --watch recompiles only what changed. */
    private final java.util.Map<String, LoadReport> held = new java.util.concurrent.ConcurrentHashMap<>();

    /** What to run again after a change, and how long the files must be quiet first (editors save in several writes). */
    static final java.time.Duration SETTLE = java.time.Duration.ofMillis(50);

    @Override
    public Integer call() throws InterruptedException {
        if (yes && !accept) {
            System.err.println("--yes goes with --accept");
            return 2;
        }
        if (!format.equals("table") && !format.equals("json")) {
            System.err.println("--format '" + format + "': table or json");
            return 2;
        }
        if ((accept && (watch || format.equals("json")))) {
            System.err.println("--accept asks before it writes: not with --watch or --format json");
            return 2;
        }
        CompiledPackCache packCache = cache.open();
        PackLoader loader = new PackLoader(PackOptions.fromSystemProperties(), packCache);
        // Watching: each pack's Drools build is kept, so that a save recompiles only the rule files it changed.
        if (watch) loader = loader.incremental();
        int exit;
        try {
            exit = run(loader, call, System.out);
        } finally {
            if (!watch) CacheOption.finish(packCache);
        }
        if (!watch) return exit;
        loader.prepareIncremental(); // the packs that came from the cache: their builds, while the analyst reads
        try (var w = watch(loader, System.out)) {
            new java.util.concurrent.CountDownLatch(1).await(); // until the process is stopped
        } catch (java.io.IOException e) {
            System.err.println("cannot watch " + rules + " and " + examples + ": " + e.getMessage());
            return 2;
        } finally {
            CacheOption.finish(packCache);
        }
        return exit;
    }

    /**
     * Watches the rules and examples folders; after each change, runs the examples of the calls it touched (all, when
     * the reference data or a shared folder changed), on the same loader: a pack whose files did not change is not
     * compiled again.
     */
    callcheck.reload.RulesWatcher watch(PackLoader loader, PrintStream out) throws java.io.IOException {
        if (format.equals("table")) out.println("watching " + rules + " and " + examples + (call == null ? "" : " for call " + call) + " (Ctrl-C ends)");
        return callcheck.reload.RulesWatcher.watch(rules, examples, SETTLE, change -> {
            java.util.List<String> calls = change.everything() ? (call == null ? java.util.Arrays.asList((String) null) : java.util.List.of(call))
                    : change.calls().stream().filter(c -> call == null || c.equals(call)).sorted().toList();
            for (String c : calls) {
                long started = System.nanoTime();
                if (format.equals("table")) out.println("\n--- " + java.time.LocalTime.now().withNano(0) + " " + (c == null ? "every call" : "call " + c) + " changed");
                run(loader, c, out);
                if (format.equals("table")) out.printf("(%d ms)%n", (System.nanoTime() - started) / 1_000_000);
                out.flush();
            }
        });
    }

    /** The packs the last {@link #run} over the call (every call: null) compiled and tested, or null. */
    LoadReport loaded(String call) {
        return held.get(String.valueOf(call));
    }

    /** One run over one call (every call: null): the tables or the JSON. Exit 0 all pass and covered, 1 not, 2 cannot run. */
    int run(PackLoader loader, String call, PrintStream out) {
        PrintStream err = format.equals("json") || watch ? out : System.err;
        LoadReport report = ValidateCommand.load(rules, err, call, loader);
        if (report == null) return 2;
        held.put(String.valueOf(call), report); // the loader keeps compiled rules only while something holds them
        if (!report.failures().isEmpty()) {
            err.println("the rules do not compile:");
            ValidateCommand.printErrors(rules, report, err);
            return 2;
        }
        PackEngine engine = new PackEngine(report.packs(), new Evaluator(EvaluationLimits.withBudget(Duration.ofMillis(budgetMillis))));
        ExampleRun run;
        try {
            run = ExampleRun.run(engine, examples, call, watch); // watching: a warm JVM, the examples in parallel
        } catch (RuntimeException e) {
            err.println(e.getMessage());
            return 2;
        }
        if (accept && Accept.run(run.results(), run.rounds(), yes, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), out) > 0) {
            run = ExampleRun.run(engine, examples, call); // read back what was written: the tables show the files as they now are
        }
        Examples.Report result = Examples.report(run);
        if (format.equals("json")) {
            out.println(json(result));
            return result.ok() ? 0 : 1;
        }

        Table table = new Table("EXAMPLE", "VERSION", "EXPECTED", "ACTUAL", "RESULT");
        Table roundTable = new Table("ROUND", "VERSION", "EXPECTED", "ACTUAL", "RESULT");
        for (Examples.Case c : result.cases()) {
            (c.round() ? roundTable : table).row(c.call() + "/" + c.name(), c.version() == null ? "-" : c.version(), c.expected(), c.actual(),
                    c.passed() ? "pass" : "FAIL  " + c.difference());
        }
        table.print(out);
        long rounds = result.cases().stream().filter(Examples.Case::round).count();
        if (rounds > 0) {
            out.println();
            roundTable.print(out);
        }
        int failed = result.failed().size();

        out.println();
        out.println("Rule coverage over each call's versions: FOUND = examples in which the rule finds something, PASSED = examples it passes.");
        out.println("A rule has a row of its own from the version that changes its text, conditions or a parameter it uses.");
        Table cov = new Table("CALL", "RULE", "VERSIONS", "FOUND", "PASSED", "");
        for (RuleCoverage c : result.coverage()) {
            cov.row(c.call(), c.rule(), String.join(" ", c.versions()), String.valueOf(c.found()), String.valueOf(c.passed()),
                    c.covered() ? (c.passed() == 0 ? "(never silent, refuses in " + c.refused() + ")" : "") : "UNCOVERED: " + c.gap());
        }
        cov.print(out);
        for (String version : result.unreached()) out.println("UNREACHED: no example is decided by " + version);
        out.println();
        out.println(result.cases().size() + " examples (" + rounds + " rounds): "
                + (result.cases().size() - failed) + " pass, " + failed + " fail; "
                + result.coverage().size() + " rules: " + (result.coverage().size() - result.uncovered().size()) + " covered, "
                + result.uncovered().size() + " uncovered; " + result.unreached().size() + " versions unreached");
        return result.ok() ? 0 : 1;
    }

    /** The run as one JSON document: every case, every coverage row with whether and why it is uncovered, the totals. */
    static String json(Examples.Report result) {
        com.fasterxml.jackson.databind.node.ObjectNode root = Json.output().createObjectNode();
        root.put("ok", result.ok());
        com.fasterxml.jackson.databind.node.ObjectNode totals = root.putObject("totals");
        totals.put("examples", result.cases().stream().filter(c -> !c.round()).count());
        totals.put("rounds", result.cases().stream().filter(Examples.Case::round).count());
        totals.put("passed", result.cases().size() - result.failed().size());
        totals.put("failed", result.failed().size());
        totals.put("rules", result.coverage().size());
        totals.put("uncovered", result.uncovered().size());
        totals.put("unreached", result.unreached().size());
        com.fasterxml.jackson.databind.node.ArrayNode cases = root.putArray("results");
        for (Examples.Case c : result.cases()) {
            com.fasterxml.jackson.databind.node.ObjectNode n = cases.addObject();
            n.put("call", c.call()).put("name", c.name()).put("round", c.round()).put("version", c.version())
                    .put("expected", c.expected()).put("actual", c.actual()).put("passed", c.passed());
            if (!c.passed()) n.put("difference", c.difference());
        }
        com.fasterxml.jackson.databind.node.ArrayNode coverage = root.putArray("coverage");
        for (RuleCoverage c : result.coverage()) {
            com.fasterxml.jackson.databind.node.ObjectNode n = coverage.addObject();
            n.put("call", c.call()).put("rule", c.rule());
            c.versions().forEach(n.putArray("versions")::add);
            n.put("found", c.found()).put("passed", c.passed()).put("refused", c.refused()).put("covered", c.covered());
            if (!c.covered()) n.put("gap", c.gap());
        }
        result.unreached().forEach(root.putArray("unreached")::add);
        try {
            return Json.output().writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
