package callcheck.bench;

import callcheck.evaluation.PackEngine;

import callcheck.evaluation.LoadReport;
import callcheck.examples.Example;
import callcheck.model.Proposal;
import callcheck.model.ProposalReader;
import callcheck.pack.CompiledPackCache;
import callcheck.pack.PackLoader;
import callcheck.pack.PackOptions;

import java.nio.file.Path;
import java.util.List;

/** The examples the benchmarks evaluate: those of a call, read once, each with the version it pins (or null). */
final class BenchExamples {
    /** The project folder; the benchmarks run from it unless {@code -Dcallcheck.root} says otherwise. */
    static final Path ROOT = Path.of(System.getProperty("callcheck.root", "."));
    static final Path RULES = ROOT.resolve("rules");
    static final Path EXAMPLES = ROOT.resolve("examples");

    record Case(Example example, String version, Proposal proposal, byte[] body) {
    }

    private BenchExamples() {
    }

    /**
     * The engine with the options of a benchmark's {@code variant} parameter: {@code default} (the system properties'
     * options, see {@link PackOptions}), or one option changed, as {@code sequential=false}; {@code cache=true} is the
     * default options with every pack read back from the compiled-pack cache, as a start with a warm cache serves them.
     */
    static PackEngine engine(String variant) {
        PackOptions o = PackOptions.fromSystemProperties();
        if (variant.equals("cache=true")) return fromCache(o);
        if (!variant.equals("default")) {
            String[] kv = variant.split("=", 2);
            boolean on = Boolean.parseBoolean(kv[1]);
            o = switch (kv[0]) {
                case "executableModel" -> new PackOptions(on, o.sequential(), o.sessionPool(), o.parallelLoad());
                case "sequential" -> new PackOptions(o.executableModel(), on, o.sessionPool(), o.parallelLoad());
                case "sessionPool" -> new PackOptions(o.executableModel(), o.sequential(), on, o.parallelLoad());
                default -> throw new IllegalArgumentException("unknown variant " + variant);
            };
        }
        LoadReport report = LoadReport.load(RULES, new PackLoader(o));
        if (!report.failures().isEmpty()) throw new IllegalStateException("packs do not compile: " + report.failures());
        return new PackEngine(report.packs());
    }

    /** Loads once to fill a cache in a temporary folder, then again from it. */
    private static PackEngine fromCache(PackOptions o) {
        try {
            Path dir = java.nio.file.Files.createTempDirectory("callcheck-bench-cache");
            try (CompiledPackCache filling = new CompiledPackCache(dir)) {
                LoadReport.load(RULES, new PackLoader(o, filling));
                filling.awaitStored(10, java.util.concurrent.TimeUnit.MINUTES);
            }
            CompiledPackCache cache = new CompiledPackCache(dir);
            LoadReport report = LoadReport.load(RULES, new PackLoader(o, cache));
            if (!report.failures().isEmpty() || cache.misses() > 0) throw new IllegalStateException("not every pack came from the cache");
            return new PackEngine(report.packs());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The examples of a call, or of every call for {@code all}. */
    static List<Case> of(String call) {
        List<Example> examples = call.equals("all") ? Example.all(EXAMPLES) : Example.of(EXAMPLES.resolve(call));
        List<Case> cases = examples.stream()
                .map(e -> new Case(e, e.expected().version(), ProposalReader.read(e.proposal()), e.proposal())).toList();
        if (cases.isEmpty()) throw new IllegalArgumentException("call " + call + " has no examples under " + EXAMPLES);
        return cases;
    }
}
