package callcheck.cli;

import callcheck.engine.FinancingPlan;
import callcheck.examples.Example;
import callcheck.examples.ExampleResult;
import callcheck.examples.ExpectedFile;
import callcheck.examples.RoundExample;
import callcheck.examples.RoundExampleResult;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * {@code test --accept}: like accepting snapshots, the analyst reviews each example whose result changed (verdict,
 * finding ids, financing plan), confirms once, and the {@code .expected.json} files are rewritten to expect what the
 * rules now give. An example that gives an error is shown but cannot be accepted.
 */
final class Accept {
    private Accept() {
    }

    /**
     * Shows the changed examples and round examples, asks once (unless {@code yes}), rewrites; returns how many files
     * were rewritten.
     */
    static int run(List<ExampleResult> results, List<RoundExampleResult> rounds, boolean yes, BufferedReader in, PrintStream out) {
        List<ExampleResult> changed = results.stream().filter(r -> !r.passed()).toList();
        List<ExampleResult> acceptable = changed.stream().filter(r -> r.verdict() != null).toList();
        List<RoundExampleResult> changedRounds = rounds.stream().filter(r -> !r.passed()).toList();
        List<RoundExampleResult> acceptableRounds = changedRounds.stream().filter(r -> r.result() != null).toList();
        for (RoundExampleResult r : changedRounds) {
            RoundExample e = r.example();
            out.println(e.call() + "/" + RoundExample.FOLDER + "/" + e.name() + (r.result() == null ? "" : " (version " + r.result().version() + ")"));
            if (r.result() == null) {
                out.println("  cannot accept: " + r.error());
                continue;
            }
            out.println("  findings   " + new TreeSet<>(e.expected().findings()) + " -> " + r.foundIds());
            out.println("  selection  " + (e.expected().proposedSelection() == null ? "not stated" : new TreeSet<>(e.expected().proposedSelection()))
                    + " -> " + (r.result().proposedSelection() == null ? "none" : new TreeSet<>(r.result().proposedSelection().ids())));
        }
        if (changed.isEmpty() && changedRounds.isEmpty()) {
            out.println("Every example gives what it expects: nothing to accept.");
            return 0;
        }
        for (ExampleResult r : changed) {
            Example e = r.example();
            out.println(e.call() + "/" + e.name() + (r.verdict() == null ? "" : " (version " + r.verdict().version() + ")"));
            if (r.verdict() == null) {
                out.println("  cannot accept: " + r.error());
                continue;
            }
            out.println("  verdict    " + e.expected().verdict() + " -> " + r.verdict().verdict());
            out.println("  findings   " + new TreeSet<>(e.expected().findings()) + " -> " + r.foundIds());
            out.println("  financing  " + financing(r.verdict().financing()));
        }
        int count = acceptable.size() + acceptableRounds.size();
        if (count == 0) return 0;
        out.println();
        if (!yes) {
            out.print("Rewrite the expected results of these " + count + " examples? [y/N] ");
            out.flush();
            String answer;
            try {
                answer = in.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.println();
            if (answer == null || !List.of("y", "yes").contains(answer.trim().toLowerCase(Locale.ROOT))) {
                out.println("Nothing rewritten.");
                return 0;
            }
        }
        for (ExampleResult r : acceptable) {
            ExpectedFile.accept(r);
            out.println("rewrote " + r.example().expectedFile());
        }
        for (RoundExampleResult r : acceptableRounds) {
            ExpectedFile.accept(r);
            out.println("rewrote " + r.example().expectedFile());
        }
        out.println();
        return count;
    }

    static String financing(FinancingPlan p) {
        return p == null ? "none" : "maxSubsidy " + p.maxSubsidy() + ", amif " + p.amif() + ", vvsg " + p.vvsg() + ", ownMin " + p.ownMin();
    }
}
