package callcheck.cli;

import callcheck.evaluation.PackEngine;
import callcheck.evaluation.PackSet;
import callcheck.json.Json;
import callcheck.store.Decision;
import callcheck.store.DecisionJson;
import callcheck.store.DecisionStore;
import callcheck.store.Export;
import callcheck.store.Filter;
import callcheck.store.Page;
import callcheck.store.Replays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import java.util.concurrent.Callable;

/** The decision records for analysts, from the same store as the service: list, show, replay, export. */
@Command(name = "decisions", description = "Read, replay and export the decisions the service recorded.",
        subcommands = {DecisionsCommand.ListCommand.class, DecisionsCommand.Show.class, DecisionsCommand.Replay.class, DecisionsCommand.ExportCommand.class})
final class DecisionsCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The filter options of list and export. */
    static final class FilterOptions {
        @Option(names = "--call", description = "only this call")
        String call;
        @Option(names = "--version", description = "only this pack version")
        String version;
        @Option(names = "--verdict", description = "ELIGIBLE, INELIGIBLE or INCOMPLETE")
        String verdict;
        @Option(names = "--from", description = "received at or after: 2026-12-02 or 2026-12-02T10:15:30Z")
        String from;
        @Option(names = "--to", description = "received before: a date or an instant")
        String to;

        Filter filter() {
            return Filter.parse(call, version, verdict, from, to);
        }
    }

    @Command(name = "list", description = "The decisions, newest first: id, time received, call, version, verdict, who asked.")
    static final class ListCommand implements Callable<Integer> {
        @Mixin
        StoreOptions store;
        @Mixin
        FilterOptions filter;
        @Option(names = "--limit", defaultValue = "50", description = "at most this many (default: ${DEFAULT-VALUE})")
        int limit;

        @Override
        public Integer call() {
            try (DecisionStore s = store.open()) {
                if (s == null) return 2;
                Table t = new Table("DECISION", "RECEIVED", "CALL", "VERSION", "VERDICT", "ASKED BY");
                String after = null;
                int left = Math.max(limit, 0);
                while (left > 0) {
                    Page page = s.list(filter.filter(), after, Math.min(left, 1000));
                    for (Decision d : page.decisions()) {
                        t.row(d.id(), d.receivedAt().toString(), d.call(), d.version(), d.verdict(), d.askedBy() == null ? "-" : d.askedBy());
                    }
                    left -= page.decisions().size();
                    after = page.lastIdIfMore();
                    if (after == null) break;
                }
                t.print(System.out);
                return 0;
            } catch (Filter.Invalid e) {
                System.err.println("--" + e.field() + ": " + e.getMessage());
                return 2;
            }
        }
    }

    @Command(name = "show", description = "One decision as JSON: the proposal as it was read, the verdict as it was answered.")
    static final class Show implements Callable<Integer> {
        @Mixin
        StoreOptions store;
        @Parameters(paramLabel = "DECISION_ID")
        String id;

        @Override
        public Integer call() throws IOException {
            try (DecisionStore s = store.open()) {
                if (s == null) return 2;
                Optional<Decision> d = s.find(id);
                if (d.isEmpty()) {
                    System.err.println("no decision has the id " + id);
                    return 1;
                }
                System.out.println(Json.output().writerWithDefaultPrettyPrinter().writeValueAsString(DecisionJson.of(d.get())));
                return 0;
            }
        }
    }

    @Command(name = "replay", description = {"Evaluate a decision's proposal again and print the replay as JSON.",
            "On the pack that made it (archived), on --version as the rules folder has it now, or on the pack of --digest.",
            "Exit 0 when the verdict is identical, 1 when it differs, 2 on an error."})
    static final class Replay implements Callable<Integer> {
        @Mixin
        StoreOptions store;
        @Parameters(paramLabel = "DECISION_ID")
        String id;
        @Mixin
        ReplayTarget target;

        @Override
        public Integer call() throws IOException {
            if (target.version != null && target.digest != null) {
                System.err.println("give --version or --digest, not both");
                return 2;
            }
            try (DecisionStore s = store.open()) {
                if (s == null) return 2;
                Optional<Decision> d = s.find(id);
                if (d.isEmpty()) {
                    System.err.println("no decision has the id " + id);
                    return 2;
                }
                PackSet packs = target.packs();
                if (packs == null) return 2;
                PackEngine engine = new PackEngine(packs);
                Replays.Replay r = new Replays(s, engine).replay(d.get(), target.version, target.digest);
                System.out.println(Json.output().writerWithDefaultPrettyPrinter().writeValueAsString(r));
                return r.identical() ? 0 : 1;
            } catch (Replays.NotReplayable | callcheck.engine.UnknownCallException e) {
                System.err.println(e.getMessage());
                return 2;
            }
        }
    }

    @Command(name = "export", description = "Every decision that matches, oldest first, to standard output as NDJSON (one decision a line) or CSV.")
    static final class ExportCommand implements Callable<Integer> {
        @Mixin
        StoreOptions store;
        @Mixin
        FilterOptions filter;
        @Option(names = "--format", defaultValue = "ndjson", description = "ndjson or csv (default: ${DEFAULT-VALUE})")
        String format;

        @Override
        public Integer call() throws IOException {
            if (!format.equals("ndjson") && !format.equals("csv")) {
                System.err.println("--format is ndjson or csv");
                return 2;
            }
            try (DecisionStore s = store.open()) {
                if (s == null) return 2;
                OutputStream out = new BufferedOutputStream(System.out, 64 * 1024);
                if (format.equals("csv")) Export.csv(s, filter.filter(), out);
                else Export.ndjson(s, filter.filter(), out);
                out.flush();
                return 0;
            } catch (Filter.Invalid e) {
                System.err.println("--" + e.field() + ": " + e.getMessage());
                return 2;
            }
        }
    }
}
