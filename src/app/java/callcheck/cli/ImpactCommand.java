package callcheck.cli;

import callcheck.engine.UnknownCallException;
import callcheck.evaluation.EvaluationLimits;
import callcheck.evaluation.Evaluator;
import callcheck.evaluation.PackEngine;
import callcheck.evaluation.PackSet;
import callcheck.examples.Impact;
import callcheck.json.Json;
import callcheck.store.DecisionStore;
import callcheck.store.Filter;
import callcheck.store.Impacts;
import callcheck.store.Replays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.concurrent.Callable;

/** What a version (or an archived pack) would change on the decisions a call recorded, as POST /v1/calls/{call}/impact. */
@Command(name = "impact", description = {
        "Replay every recorded decision of a call on a draft version and print what would change.",
        "The draft is a version of the rules folder (--version) or an archived pack (--digest); the answer gives",
        "the verdict transitions, the rules that find more or less, and the allowed subsidy before and after.",
        "Opens the store itself: the embedded store (--data) cannot be read while a",
        "service has it open (stop it, or ask it: POST /v1/calls/{call}/impact)."})
final class ImpactCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;
    @Option(names = "--call", required = true, description = "the call whose decisions are replayed")
    String call;
    @Mixin
    ReplayTarget target;
    @Option(names = "--verdict", description = "only decisions answered ELIGIBLE, INELIGIBLE or INCOMPLETE")
    String verdict;
    @Option(names = "--from", description = "received at or after: 2026-12-02 or 2026-12-02T10:15:30Z")
    String from;
    @Option(names = "--to", description = "received before: a date or an instant")
    String to;
    @Option(names = "--limit", defaultValue = "20", description = "changed decisions listed (default: ${DEFAULT-VALUE})")
    int limit;
    // Not mixinStandardHelpOptions: its --version would clash with the version replayed on.
    boolean help;
    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
    String format;

    @Override
    public Integer call() throws IOException {
        if ((target.version == null) == (target.digest == null)) {
            System.err.println("give --version or --digest, one of the two");
            return 2;
        }
        if (!format.equals("text") && !format.equals("json")) {
            System.err.println("--format is text or json");
            return 2;
        }
        if (limit < 0) {
            System.err.println("--limit must be 0 or more");
            return 2;
        }
        Filter window;
        try {
            window = Filter.parse(call, null, verdict, from, to);
        } catch (Filter.Invalid e) {
            System.err.println("--" + e.field() + ": " + e.getMessage());
            return 2;
        }
        PackSet packs = target.packs();
        if (packs == null) return 2;
        // One slot per processor as the service has, without a time budget: here nothing else waits for the cores.
        PackEngine engine = new PackEngine(packs, new Evaluator(EvaluationLimits.withBudget(java.time.Duration.ZERO)));
        try (DecisionStore s = store.open()) {
            if (s == null) return 2;
            long started = System.nanoTime();
            Impacts.Report r = Impacts.run(s, engine, new Replays(s, engine), call, target.version, target.digest, window, null, limit,
                    n -> System.err.printf("%,d decisions replayed (%d s)%n", n, (System.nanoTime() - started) / 1_000_000_000L));
            if (format.equals("json")) {
                System.out.println(Json.output().writerWithDefaultPrettyPrinter().writeValueAsString(r));
            } else {
                print(r);
            }
            return 0;
        } catch (Replays.NotReplayable | UnknownCallException e) {
            System.err.println(e.getMessage());
            return 2;
        }
    }

    private static void print(Impacts.Report r) {
        System.out.printf("call %s on version %s (%s)%n", r.call(), r.against().version(), r.against().digest());
        System.out.printf("%d decisions, %d changed; skipped: %d proposals erased, %d replays failed%n%n", r.decisions(), r.changed(),
                r.skipped().proposalErased(), r.skipped().failed());
        Table t = new Table("FROM", "TO", "DECISIONS");
        for (Impact.Transition x : r.transitions()) t.row(x.from(), x.to(), Long.toString(x.count()));
        t.print(System.out);
        if (!r.rules().isEmpty()) {
            System.out.println();
            Table rt = new Table("RULE", "FINDS NOW", "NO LONGER");
            for (Impact.RuleCount x : r.rules()) rt.row(x.rule(), Long.toString(x.added()), Long.toString(x.removed()));
            rt.print(System.out);
        }
        System.out.printf("%nallowed subsidy in total: %s before, %s after%n", r.financing().maxSubsidyBefore().toPlainString(),
                r.financing().maxSubsidyAfter().toPlainString());
        if (!r.changedDecisions().isEmpty()) {
            System.out.println();
            Table ct = new Table("DECISION", "FROM", "TO", "RULES ADDED", "RULES REMOVED");
            for (Impact.Changed c : r.changedDecisions()) {
                ct.row(c.decisionId(), c.from(), c.to(), String.join(" ", c.rulesAdded()), String.join(" ", c.rulesRemoved()));
            }
            ct.print(System.out);
            if (r.next() != null) System.out.printf("(first %d changed decisions; --limit for more)%n", r.changedDecisions().size());
        }
    }
}
