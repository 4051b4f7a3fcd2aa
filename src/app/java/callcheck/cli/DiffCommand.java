package callcheck.cli;

import callcheck.evaluation.PackEngine;

import callcheck.engine.FinancingPlan;
import callcheck.engine.Finding;
import callcheck.evaluation.LoadReport;
import callcheck.examples.Example;
import callcheck.examples.ExampleResult;
import callcheck.examples.PackDiff;
import callcheck.examples.RoundExample;
import callcheck.examples.RoundExampleResult;
import callcheck.examples.VerdictChange;
import callcheck.examples.VersionDiff;
import callcheck.rules.Parameter;
import callcheck.engine.CompileError;
import callcheck.pack.RulePack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The examples of a call whose verdict, findings or financing plan change from one pack version to another, side by
 * side, then finding by finding. Exit 0 when nothing changes, 1 when something does (as diff does), 2 on an error.
 */
@Command(name = "diff", description = {"Show what differs between two pack versions of a call, and the examples whose result changes.",
        "Parameters and rules that differ, then the examples whose verdict, findings or financing change;",
        "--summary: one line per example whose verdict changes.",
        "Exit 0 when none change, 1 when some do, 2 on an error."})
final class DiffCommand implements Callable<Integer> {
    @Option(names = "--call", required = true, description = "call id, e.g. 507")
    String call;

    @Option(names = "--from", required = true, description = "the version it is now, e.g. 2020-07-14")
    String from;

    @Option(names = "--to", required = true, description = "the version to compare with")
    String to;

    @Option(names = "--rules", defaultValue = "${env:CALLCHECK_RULES:-rules}", description = "rules folder (default: ${DEFAULT-VALUE})")
    Path rules;

    @Option(names = "--examples", defaultValue = "examples", description = "examples folder (default: ${DEFAULT-VALUE})")
    Path examples;

    @Option(names = "--summary", description = "the parameters and rules that change, then one line per example whose verdict changes")
    boolean summary;

    @picocli.CommandLine.Mixin
    CacheOption cache;

    @Override
    public Integer call() {
        callcheck.pack.CompiledPackCache packCache = cache.open();
        try {
            return diff(packCache);
        } finally {
            CacheOption.finish(packCache);
        }
    }

    private int diff(callcheck.pack.CompiledPackCache packCache) {
        LoadReport report = ValidateCommand.load(rules, System.err, call, packCache);
        if (report == null) return 2;
        // Only the two versions compared must compile; say why one is missing.
        boolean broken = false;
        for (Map.Entry<String, List<CompileError>> f : report.failures().entrySet()) {
            String folder = f.getKey().replace('\\', '/');
            if (folder.equals(call + "/" + from) || folder.equals(call + "/" + to)) {
                System.err.println(folder + " does not compile:");
                f.getValue().forEach(e -> System.err.println(e.under(rules)));
                broken = true;
            }
        }
        if (broken) return 2;
        VersionDiff diff;
        try {
            diff = VersionDiff.of(new PackEngine(report.packs()), Example.all(examples), RoundExample.all(examples), call, from, to);
        } catch (RuntimeException e) { // an unknown call or version, an example that cannot be read
            System.err.println(e.getMessage());
            return 2;
        }
        PackDiff packs = PackDiff.of(report.packs().select(call, from, null), report.packs().select(call, to, null));
        System.out.println("call " + call + ": " + diff.changes().size() + " of " + diff.compared() + " examples"
                + (diff.comparedRounds() == 0 ? "" : " and " + diff.roundChanges().size() + " of " + diff.comparedRounds() + " round examples")
                + " change from " + from + " to " + to);
        for (RulePack version : List.of(report.packs().select(call, from, null), report.packs().select(call, to, null))) {
            if (version.lineage() != null) System.out.println(version.version() + ": " + RulesCommand.lineage(version));
        }
        printPackDiff(packs, System.out);
        if (summary) {
            List<VersionDiff.Change> verdicts = diff.changes().stream().filter(VersionDiff.Change::verdictChanged).toList();
            if (!verdicts.isEmpty()) {
                System.out.println();
                System.out.println(verdicts.size() + " verdicts change:");
            }
            for (VersionDiff.Change c : verdicts) {
                System.out.println("  " + c.example().name() + ": " + summary(c.before()) + " -> " + summary(c.after()));
            }
            List<VersionDiff.RoundChange> rounds = diff.roundChanges().stream().filter(VersionDiff.RoundChange::verdictChanged).toList();
            if (!rounds.isEmpty()) {
                System.out.println();
                System.out.println(rounds.size() + " round verdicts change:");
            }
            for (VersionDiff.RoundChange c : rounds) {
                System.out.println("  rounds/" + c.example().name() + ": " + summary(c.before()) + " -> " + summary(c.after()));
            }
            return diff.changes().isEmpty() && diff.roundChanges().isEmpty() && packs.isEmpty() ? 0 : 1;
        }
        if (diff.changes().isEmpty() && diff.roundChanges().isEmpty()) return packs.isEmpty() ? 0 : 1;
        if (!diff.changes().isEmpty()) printExamples(diff, from, to);
        printRounds(diff.roundChanges());
        return 1;
    }

    /** The examples that change: side by side, then finding by finding. */
    private static void printExamples(VersionDiff diff, String from, String to) {
        System.out.println();
        Table table = new Table("EXAMPLE", from, to);
        for (VersionDiff.Change c : diff.changes()) table.row(c.example().name(), summary(c.before()), summary(c.after()));
        table.print(System.out);
        for (VersionDiff.Change c : diff.changes()) {
            System.out.println();
            System.out.println(c.example().name() + (c.verdictChanged() ? ": " + verdict(c.before()) + " -> " + verdict(c.after()) : ":"));
            for (String rule : c.changedRules()) {
                for (Finding f : VersionDiff.Change.findingsOf(c.before(), rule)) System.out.println("  - " + line(f));
                for (Finding f : VersionDiff.Change.findingsOf(c.after(), rule)) System.out.println("  + " + line(f));
            }
            if (c.financingChanged()) {
                System.out.println("  - financing " + financing(c.before()));
                System.out.println("  + financing " + financing(c.after()));
            }
        }
    }

    /** The round examples whose call-level verdict, findings, proposed selection or proposals' verdicts change. */
    private static void printRounds(List<VersionDiff.RoundChange> rounds) {
        for (VersionDiff.RoundChange c : rounds) {
            System.out.println();
            System.out.println("rounds/" + c.example().name() + (c.verdictChanged() ? ": " + summary(c.before()) + " -> " + summary(c.after()) : ":"));
            for (String rule : c.changedRules()) {
                for (Finding f : findingsOf(c.before(), rule)) System.out.println("  - " + line(f));
                for (Finding f : findingsOf(c.after(), rule)) System.out.println("  + " + line(f));
            }
            if (c.selectionChanged()) {
                System.out.println("  - proposed " + proposed(c.before()));
                System.out.println("  + proposed " + proposed(c.after()));
            }
            if (!c.changedProposals().isEmpty()) System.out.println("  proposals whose verdict changes: " + String.join(", ", c.changedProposals()));
        }
    }

    private static List<Finding> findingsOf(RoundExampleResult r, String rule) {
        return r.verdict() == null ? List.of() : VerdictChange.findingsOf(r.verdict(), rule);
    }

    private static String proposed(RoundExampleResult r) {
        return r.proposedIds() == null ? "none" : "[" + String.join(", ", r.proposedIds()) + "]";
    }

    private static String summary(RoundExampleResult r) {
        return r.verdict() == null ? "error (" + r.error() + ")" : r.verdict().verdict() + (r.foundIds().isEmpty() ? "" : " " + String.join(" ", r.foundIds()));
    }

    /** The parameters (old -> new, with the source) and the rules (added, removed, changed: what) that differ. */
    static void printPackDiff(PackDiff d, PrintStream out) {
        if (!d.parameters().isEmpty()) {
            out.println();
            out.println("parameters:");
            for (PackDiff.ParameterChange p : d.parameters()) {
                if (p.before() == null) out.println("  + " + p.name() + " " + value(p.after()) + from(p.after()));
                else if (p.after() == null) out.println("  - " + p.name() + " " + value(p.before()));
                else out.println("  ~ " + p.name() + " " + value(p.before()) + " -> " + value(p.after()) + from(p.after()));
            }
        }
        if (!d.rules().isEmpty()) {
            out.println();
            out.println("rules:");
            for (PackDiff.RuleChange r : d.rules()) {
                switch (r.kind()) {
                    case "added" -> out.println("  + " + r.name() + " " + r.after().severity() + ": " + r.after().title());
                    case "removed" -> out.println("  - " + r.name() + " " + r.before().severity() + ": " + r.before().title());
                    default -> {
                        out.println("  ~ " + r.name() + ": " + String.join(", ", r.what()) + " changed");
                        if (r.what().contains("title")) out.println("      title \"" + r.before().title() + "\" -> \"" + r.after().title() + "\"");
                        if (r.what().contains("severity")) out.println("      severity " + r.before().severity() + " -> " + r.after().severity());
                    }
                }
            }
        }
    }

    private static String value(Parameter p) {
        return p.isUnknown() ? "unknown" : String.valueOf(p.value());
    }

    private static String from(Parameter p) {
        String source = p.source() == null ? "" : p.source().document() + ", " + p.source().section();
        if (p.assumption() != null) source = source.isEmpty() ? "assumption: " + p.assumption() : source + "; assumption: " + p.assumption();
        return source.isEmpty() ? "" : " (" + source + ")";
    }

    private static String summary(ExampleResult r) {
        return r.verdict() == null ? "error" : r.verdict().verdict() + (r.foundIds().isEmpty() ? "" : " " + String.join(" ", r.foundIds()));
    }

    private static String verdict(ExampleResult r) {
        return r.verdict() == null ? "error (" + r.error() + ")" : r.verdict().verdict().name();
    }

    private static String line(Finding f) {
        return f.rule() + " " + f.severity() + ": " + f.message().en();
    }

    private static String financing(ExampleResult r) {
        FinancingPlan p = r.verdict() == null ? null : r.verdict().financing();
        return p == null ? "none" : "maxSubsidy " + p.maxSubsidy() + ", amif " + p.amif() + ", vvsg " + p.vvsg() + ", ownMin " + p.ownMin();
    }
}
