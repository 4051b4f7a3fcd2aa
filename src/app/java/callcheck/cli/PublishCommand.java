package callcheck.cli;

import callcheck.evaluation.LoadReport;
import callcheck.pack.CompiledPackCache;
import callcheck.pack.PackLoader;
import callcheck.pack.PackOptions;
import callcheck.pack.RulePack;
import callcheck.store.DecisionStore;
import callcheck.store.Pack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * Publishes the rules folder to the store for {@code serve --rules-from-store}: runs the examples as {@code callcheck
 * test} does (the same run; anything it fails refuses the publication), archives each pack by its digest, and records
 * per call which digests serve from when. Exit 0 published (or already serving), 1 the examples fail, 2 an error.
 */
@Command(name = "publish", description = {"Test the packs with their examples, archive them in the store and make them serve from a time.",
        "Every instance started with serve --rules-from-store serves them: now, or from --activate-at.",
        "Exit 0 published, 1 the examples fail (nothing is published), 2 an error."})
final class PublishCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Option(names = "--rules", defaultValue = "${env:CALLCHECK_RULES:-rules}", description = "rules folder (default: ${DEFAULT-VALUE})")
    Path rules;

    @Option(names = "--examples", defaultValue = "examples", description = "examples folder, the gate (default: ${DEFAULT-VALUE})")
    Path examples;

    @Option(names = "--call", description = "only this call (default: every call of the folder)")
    String call;

    @Option(names = "--activate-at", paramLabel = "TIME", description = "serve from this time on, e.g. 2026-03-01T09:00:00Z (default: now)")
    String activateAt;

    @Option(names = "--evaluation-budget", defaultValue = "${env:CALLCHECK_EVALUATION_BUDGET:-500}", paramLabel = "MS",
            description = "milliseconds an example may take, as serve's budget; 0 for none (default: ${DEFAULT-VALUE})")
    long budgetMillis;

    @Mixin
    CacheOption cache;

    @Override
    public Integer call() {
        Instant at;
        try {
            at = Published.time("--activate-at", activateAt, Instant.now());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        if (store.none()) {
            System.err.println("publish needs the store the instances serve from: --store JDBC_URL (or --data DIR), not none");
            return 2;
        }
        try (DecisionStore s = store.open()) {
            if (s == null) return 2;
            // The gate: the same run as `callcheck test`, so what publishes is what the analysts' loop accepts.
            TestCommand test = new TestCommand();
            test.rules = rules;
            test.examples = examples;
            test.call = call;
            test.budgetMillis = budgetMillis;
            test.format = "table";
            CompiledPackCache packCache = cache.open();
            int tested;
            try {
                tested = test.run(new PackLoader(PackOptions.fromSystemProperties(), packCache), call, System.out);
            } finally {
                CacheOption.finish(packCache);
            }
            if (tested != 0) {
                System.err.println(tested == 1 ? "the examples do not all pass (see above): nothing published"
                        : "the rules cannot be tested (see above): nothing published");
                return tested;
            }
            LoadReport report = test.loaded(call);
            List<String> calls = report.packs().calls();
            if (calls.isEmpty()) {
                System.err.println(call == null ? "the rules folder " + rules + " has no pack: nothing published"
                        : "the rules folder " + rules + " has no pack of call " + call + ": nothing published");
                return 2;
            }
            for (String c : calls) {
                Map<String, String> digests = new TreeMap<>();
                for (RulePack p : report.packs().versions(c)) {
                    s.archive(Pack.of(p));
                    digests.put(p.version(), p.digest());
                }
                Published.record(s, c, digests, at, "publish", null);
            }
            return 0;
        } catch (RuntimeException e) {
            System.err.println("cannot publish to the store " + store.describe() + ": " + e.getMessage());
            return 2;
        }
    }
}
