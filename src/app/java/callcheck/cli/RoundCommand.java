package callcheck.cli;

import callcheck.engine.Finding;
import callcheck.engine.PackException;
import callcheck.engine.Severity;
import callcheck.engine.UnknownCallException;
import callcheck.evaluation.EvaluationLimits;
import callcheck.evaluation.Evaluator;
import callcheck.evaluation.PackEngine;
import callcheck.model.InvalidProposalException;
import callcheck.model.ProposalReader;
import callcheck.round.Decisions;
import callcheck.round.InvalidRoundException;
import callcheck.round.RoundReader;
import callcheck.round.RoundRequest;
import callcheck.engine.RoundResult;
import callcheck.round.Rounds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Checks a round of proposal files as {@code POST /v1/calls/{call}/rounds} does and prints the answer as tables. A
 * proposal's id is its file name without {@code .json}. Exit 0 when the selected proposals meet every BLOCKING
 * call-level rule, 1 when they do not, 2 when the input or the rules are wrong.
 */
@Command(name = "round", description = {"Check a set of proposals against the call-level rules and propose the best selection.",
        "Each proposal's id is its file name without .json. Exit 0 when the selection meets every BLOCKING call-level rule,",
        "1 when it does not, 2 on an error."})
final class RoundCommand implements Callable<Integer> {
    @Option(names = "--call", required = true, description = "call id, e.g. 507")
    String call;

    @Option(names = "--scores", description = "CSV of id,score (a header line 'id,score' may come first); without it every proposal counts 1")
    Path scores;

    @Option(names = "--selected", split = ",", description = "the ids the agency selected, comma-separated")
    List<String> selected = List.of();

    @Option(names = "--rules", defaultValue = "${env:CALLCHECK_RULES:-rules}", description = "rules folder (default: ${DEFAULT-VALUE})")
    Path rules;

    @Option(names = "--round-budget", defaultValue = "${env:CALLCHECK_ROUND_BUDGET:-10000}", paramLabel = "MS",
            description = "milliseconds the search for the best selection may take; it then prints the best found, not proven, with a bound (default: ${DEFAULT-VALUE}, env CALLCHECK_ROUND_BUDGET)")
    long roundBudgetMillis;

    @Parameters(arity = "1..*", description = "the proposal JSON files")
    List<Path> files;

    @Override
    public Integer call() {
        if (roundBudgetMillis < 1) {
            System.err.println("--round-budget must be at least 1 ms");
            return 2;
        }
        RoundRequest request;
        try {
            request = request();
        } catch (InputError e) {
            System.err.println(e.getMessage());
            return 2;
        }
        try {
            Evaluator search = new Evaluator(EvaluationLimits.none().withRoundBudget(Duration.ofMillis(roundBudgetMillis)));
            RoundResult r = Rounds.check(PackEngine.load(rules).packs(), call, null, request, Decisions.NONE, search);
            print(r, System.out);
            return r.findings().stream().anyMatch(f -> f.severity() == Severity.BLOCKING) ? 1 : 0;
        } catch (InvalidRoundException e) {
            System.err.println((e.field() == null ? "" : e.field() + ": ") + e.getMessage());
        } catch (UnknownCallException e) {
            System.err.println(e.getMessage());
        } catch (PackException e) {
            System.err.println("the rules do not compile:\n" + e.getMessage());
        }
        return 2;
    }

    private static final class InputError extends RuntimeException {
        InputError(String message) {
            super(message, null, false, false);
        }
    }

    /** The files as a round, checked as the HTTP body is: unique ids, known selected ids and scores. */
    private RoundRequest request() {
        List<RoundRequest.Entry> entries = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (Path f : files) {
            String id = f.getFileName().toString().replaceFirst("\\.json$", "");
            if (!ids.add(id)) throw new InputError(f + ": another file is also named " + id + ".json; ids are file names");
            try {
                entries.add(new RoundRequest.Entry(id, ProposalReader.read(Files.readAllBytes(f)), null));
            } catch (InvalidProposalException e) {
                throw new InputError(f + ": " + (e.field() == null ? "" : e.field() + ": ") + e.getMessage());
            } catch (IOException e) {
                throw new InputError(f + ": cannot read: " + e.getMessage());
            }
        }
        if (entries.size() > RoundReader.MAX_PROPOSALS) throw new InputError("a round holds at most " + RoundReader.MAX_PROPOSALS + " proposals");
        for (String s : selected) {
            if (!ids.contains(s)) throw new InputError("--selected: '" + s + "' is not the id (file name) of a proposal given");
        }
        if (new LinkedHashSet<>(selected).size() != selected.size()) throw new InputError("--selected: an id is given twice");
        return new RoundRequest(entries, selected, scores == null ? null : scores(ids));
    }

    private Map<String, BigDecimal> scores(Set<String> ids) {
        List<String> lines;
        try {
            lines = Files.readAllLines(scores, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputError(scores + ": cannot read: " + e.getMessage());
        }
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || i == 0 && line.equalsIgnoreCase("id,score")) continue;
            String at = scores + ":" + (i + 1) + ": ";
            String[] cells = line.split(",", -1);
            if (cells.length != 2) throw new InputError(at + "expected id,score");
            String id = cells[0].strip();
            if (!ids.contains(id)) throw new InputError(at + "'" + id + "' is not the id (file name) of a proposal given");
            BigDecimal score;
            try {
                score = new BigDecimal(cells[1].strip());
            } catch (NumberFormatException e) {
                throw new InputError(at + "'" + cells[1].strip() + "' is not a number");
            }
            if (score.signum() < 0 || score.compareTo(RoundReader.MAX_SCORE) > 0 || score.stripTrailingZeros().scale() > RoundReader.SCORE_DECIMALS) {
                throw new InputError(at + "a score is from 0 to " + RoundReader.MAX_SCORE.toPlainString() + " with at most " + RoundReader.SCORE_DECIMALS + " decimals");
            }
            if (out.put(id, score) != null) throw new InputError(at + "'" + id + "' has a score already");
        }
        return out;
    }

    static void print(RoundResult r, PrintStream out) {
        out.println("call " + r.call() + ", version " + r.version() + " (" + r.digest() + ")");
        out.println();
        Set<String> proposed = r.proposedSelection() == null ? Set.of() : Set.copyOf(r.proposedSelection().ids());
        Table t = new Table("ID", "VERDICT", "SUBSIDY", "AMIF", "VVSG", "SMALL", "REGION", "SCORE", "SELECTED", "PROPOSED");
        for (RoundResult.Line l : r.proposals()) {
            t.row(l.id(), l.verdict().name(), plain(l.subsidy()), plain(l.amif()), plain(l.vvsg()), l.small() ? "small" : "",
                    Objects.toString(l.region(), ""), l.score() == null ? "-" : plain(l.score()), l.selected() ? "yes" : "", proposed.contains(l.id()) ? "yes" : "");
        }
        t.print(out);
        out.println();
        out.println("Selected: " + totals(r.totals()));
        findings(r.findings(), out);
        out.println();
        RoundResult.Proposed p = r.proposedSelection();
        if (p == null) {
            out.println("Proposed selection: none; no selection of the eligible proposals meets every BLOCKING call-level rule.");
            return;
        }
        out.println("Proposed selection (highest total score that meets every BLOCKING call-level rule): " + String.join(" ", p.ids()));
        out.println("  total score " + plain(p.totalScore()) + (p.optimal() ? "" : " (not proven best: the search stopped at its budget; "
                + "no selection scores more than " + plain(p.bound()) + ")") + "; " + totals(p.totals()));
        findings(p.findings(), out);
        if (!p.leftOut().isEmpty()) {
            Table left = new Table("LEFT OUT", "WHY");
            for (RoundResult.LeftOut l : p.leftOut()) left.row(l.id(), l.reason());
            left.print(out);
        }
    }

    private static String totals(RoundResult.Totals t) {
        return t.selected() + " proposals, subsidy " + plain(t.subsidy()) + " (AMIF " + plain(t.amif()) + ", VVSG " + plain(t.vvsg()) + "), "
                + t.small() + " small";
    }

    private static void findings(List<Finding> findings, PrintStream out) {
        if (findings.isEmpty()) {
            out.println("  no call-level findings");
            return;
        }
        Table t = new Table("  RULE", "SEVERITY", "MESSAGE");
        for (Finding f : findings) t.row("  " + f.rule(), f.severity().name(), f.message().en());
        t.print(out);
    }

    private static String plain(BigDecimal b) {
        return b == null ? "" : b.toPlainString();
    }
}
