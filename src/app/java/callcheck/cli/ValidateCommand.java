package callcheck.cli;

import callcheck.evaluation.LoadReport;
import callcheck.engine.CompileError;
import callcheck.pack.CompiledPackCache;
import callcheck.pack.LoopShapes;
import callcheck.pack.Manifest;
import callcheck.pack.PackLoader;
import callcheck.pack.PackOptions;
import callcheck.pack.PackWarnings;
import callcheck.pack.RulePack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * Compiles every pack of a rules folder and prints each error as {@code file:line:col: message}, with the path as
 * given ({@code rules/507/2020-07-14/timing.drl:20:1: ...}) so that an editor or terminal opens it at the place;
 * one OK line per pack that compiles. Exit 0 when every pack compiles, 1 otherwise.
 */
@Command(name = "validate", description = {"Compile every rule pack (--call: one call's); print each error as file:line:col: message. Exit 1 on any error.",
        "A pack compiled before from the same files loads from the cache (--cache) instead of compiling again.",
        "Warnings (WARN file:line:col: ...) do not change the exit code: a number a title or message writes instead of naming",
        "its parameter, a rule citing another document than its parameters come from.",
        "Warns (WARN file:line:col) of loop-shaped rules: modify/update of a fact the rule's own conditions match without no-loop, while in a consequence."})
final class ValidateCommand implements Callable<Integer> {
    @Option(names = "--rules", defaultValue = "${env:CALLCHECK_RULES:-rules}", description = "rules folder (default: ${DEFAULT-VALUE})")
    Path rules;

    @Option(names = "--call", description = "only this call's packs (the others are not compiled)")
    String call;

    @picocli.CommandLine.Mixin
    CacheOption cache;

    @Option(names = "--detail", description = "under an error put in plain words, also print the compiler's own words")
    boolean detail;

    @Override
    public Integer call() {
        CompiledPackCache packCache = cache.open();
        try {
            return validate(packCache);
        } finally {
            CacheOption.finish(packCache);
        }
    }

    private int validate(CompiledPackCache packCache) {
        LoadReport report = load(rules, System.out, call, packCache);
        if (report == null) return 1;
        // One line per pack in folder order; a failed pack's errors right under it.
        Map<String, List<String>> byFolder = new TreeMap<>();
        for (RulePack p : report.packs().all()) {
            String folder = p.call() + "/" + p.folder().getFileName();
            Manifest.Submissions s = p.manifest().submissions();
            List<String> lines = new ArrayList<>();
            lines.add("OK   " + folder + ": " + p.ruleIds().size() + " rules, "
                    + (p.round() == null ? "" : p.round().ruleIds().size() + " call-level rules, ") + p.parameters().all().size()
                    + " parameters, submissions " + s.from() + " to " + (s.until() == null ? "open" : s.until()) + ", "
                    + p.digest().substring(0, "sha256:".length() + 12));
            for (CompileError w : PackWarnings.of(rules, p)) lines.add("WARN " + w.under(rules));
            byFolder.put(folder, lines);
        }
        for (Map.Entry<String, List<CompileError>> f : report.failures().entrySet()) {
            String folder = f.getKey().replace('\\', '/');
            List<String> lines = new ArrayList<>();
            lines.add("FAIL " + folder + ": " + f.getValue().size() + (f.getValue().size() == 1 ? " error" : " errors"));
            for (CompileError e : f.getValue()) {
                lines.add(e.under(rules).toString());
                if (detail && e.detail() != null) lines.add("     compiler: " + e.detail());
            }
            byFolder.put(folder, lines);
        }
        // A version that extends another inherits its files, and their warnings: each is printed once, under the first.
        java.util.Set<String> warned = new java.util.HashSet<>();
        for (List<String> lines : byFolder.values()) {
            for (String line : lines) if (!line.startsWith("WARN ") || warned.add(line)) System.out.println(line);
        }
        // Loop-shaped rules: to look at, not errors; they do not change the exit code.
        // With --call, only that call's files are read, and those of the modules its packs include.
        List<CompileError> loops;
        if (call == null) {
            loops = LoopShapes.warnings(rules);
        } else {
            loops = new ArrayList<>(loopWarnings(call));
            java.util.Set<String> modules = new java.util.TreeSet<>();
            for (RulePack p : report.packs().all()) modules.addAll(p.manifest().include());
            for (String module : modules) loops.addAll(loopWarnings(module));
        }
        for (CompileError w : loops) System.out.println("WARN " + w.under(rules));
        if (byFolder.isEmpty()) {
            System.out.println(rules + (call == null ? "" : "/" + call) + ": no pack (no <call>/<version>/" + PackLoader.MANIFEST + ")");
            return 1;
        }
        if (packCache != null) {
            // Rule sets, not packs: a pack with call-level rules has two.
            System.out.println("cache " + cache.cache + ": " + packCache.hits() + " rule sets loaded from it, " + packCache.misses() + " compiled");
        }
        return report.failures().isEmpty() ? 0 : 1;
    }

    /** The loop warnings of the files under one folder of the rules folder, their paths from the rules folder. */
    private List<CompileError> loopWarnings(String folder) {
        return LoopShapes.warnings(rules.resolve(folder)).stream()
                .map(w -> new CompileError(folder + "/" + w.file(), w.line(), w.column(), w.message())).toList();
    }

    /** Loads the rules folder; on a folder or reference data that cannot be read, says so and returns null. */
    static LoadReport load(Path rules, PrintStream out) {
        return load(rules, out, null, (CompiledPackCache) null);
    }

    /**
     * Loads one call's packs (every call's when null), those compiled before from the same sources out of the cache
     * (when not null); on a folder or reference data that cannot be read, says so and returns null.
     */
    static LoadReport load(Path rules, PrintStream out, String call, CompiledPackCache cache) {
        return load(rules, out, call, new PackLoader(PackOptions.fromSystemProperties(), cache));
    }

    /** As above, with a loader of the caller's, which compiles a pack again only when its files changed. */
    static LoadReport load(Path rules, PrintStream out, String call, PackLoader loader) {
        if (!Files.isDirectory(rules)) {
            out.println(rules + ": not a folder");
            return null;
        }
        try {
            return LoadReport.load(rules, loader, call);
        } catch (RuntimeException e) {
            // The reference data is read before any pack; its errors name their file and line.
            out.println(rules.resolve(PackLoader.REFERENCE_DIR) + ": " + e.getMessage());
            return null;
        }
    }

    /** Every error of the packs that did not compile, one per line, under the rules folder as given. */
    static void printErrors(Path rules, LoadReport report, PrintStream out) {
        for (List<CompileError> errors : new TreeMap<>(report.failures()).values()) {
            for (CompileError e : errors) out.println(e.under(rules));
        }
    }
}
