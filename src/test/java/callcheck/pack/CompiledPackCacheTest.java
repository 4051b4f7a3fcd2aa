package callcheck.pack;

import callcheck.engine.Verdict;
import callcheck.evaluation.LoadReport;
import callcheck.evaluation.PackEngine;
import callcheck.examples.Example;
import callcheck.examples.ExampleResult;
import callcheck.json.Json;
import callcheck.support.Packs;
import callcheck.support.RulesCopy;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compiled-pack cache: rules load from their entry only while the rule files they were compiled from are unchanged,
 * exactly the rules a change touches compile again (a parameter or the reference data is a fact, not compiled in), a
 * corrupt entry is rebuilt, and packs from the cache decide every example as freshly compiled ones do. The cache is
 * filled once from a copy of the project's rules (whatever they hold); each test works on its own copy of it and of
 * the rules (an entry is keyed by content, not by where the rules lie).
 */
class CompiledPackCacheTest {
    private static final String VERSION = "test-build-1";
    /** The entries the project's rules make: one per distinct set of rule files (a pack's, and its call-level rules'). */
    private static int entries;

    @TempDir
    static Path shared;
    private static Path filled;

    @BeforeAll
    static void fillTheCache() throws InterruptedException {
        filled = shared.resolve("cache");
        try (CompiledPackCache cache = new CompiledPackCache(filled, VERSION)) {
            load(RulesCopy.into(shared.resolve("rules")).root(), cache);
            cache.awaitStored(10, TimeUnit.MINUTES);
            entries = cache.stored();
            assertThat(entries).as("an entry per set of rule files compiled").isEqualTo(cache.misses()).isPositive();
        }
    }

    @Test
    void everyPackLoadsFromTheCacheWithTheSameRulesAndDecidesEveryExampleAsAFreshCompileDoes(@TempDir Path dir) {
        try (CompiledPackCache cache = new CompiledPackCache(copyOfCache(dir), VERSION)) {
            PackEngine cached = new PackEngine(load(RulesCopy.into(dir.resolve("rules")).root(), cache).packs());
            assertThat(cache.hits()).isEqualTo(entries);
            assertThat(cache.misses()).isZero();
            assertThat(cached.packs().all()).as("listed and checked without defining a class").noneMatch(RulePack::prepared);
            assertDecidesAsAFreshCompile(cached);
        }
    }

    @Test
    void rulesCompiledFromDrlAreStoredAtOnceAsTheirPackagesAndDecideEveryExampleAsAFreshCompileDoes(@TempDir Path dir) {
        Path cacheDir = dir.resolve("cache");
        Path rules = RulesCopy.into(dir.resolve("rules")).root();
        try (CompiledPackCache cache = new CompiledPackCache(cacheDir, VERSION)) {
            load(rules, cache);
            assertThat(cache.storedPackages()).as("written by the loading thread, nothing awaited").isEqualTo(entries);
            assertThat(cache.stored()).as("the executable model is compiled later, by a server").isZero();
        } // closed at once, as a short command ends
        try (CompiledPackCache cache = new CompiledPackCache(cacheDir, VERSION)) {
            PackEngine cached = new PackEngine(load(rules, cache).packs());
            assertThat(cache.hits()).isEqualTo(entries);
            assertThat(cache.misses()).isZero();
            assertDecidesAsAFreshCompile(cached);
        }
    }

    /** The packs have the rules, parameters and digest of a fresh compile, and decide every example as it does. */
    private static void assertDecidesAsAFreshCompile(PackEngine cached) {
        for (RulePack pack : cached.packs().all()) {
            RulePack fresh = Packs.engine().packs().select(pack.call(), pack.version(), null);
            assertThat(pack.rules()).as("what /rules and the verdicts cite, " + pack.call() + "/" + pack.version()).isEqualTo(fresh.rules());
            assertThat(pack.parameters().all()).isEqualTo(fresh.parameters().all());
            assertThat(pack.digest()).isEqualTo(fresh.digest());
        }
        List<Example> examples = Example.all(Packs.EXAMPLES);
        assertThat(examples).isNotEmpty();
        for (Example example : examples) {
            ExampleResult fresh = ExampleResult.run(Packs.engine(), example);
            ExampleResult fromCache = ExampleResult.run(cached, example);
            assertThat(withoutDecisionId(fromCache)).as(example.call() + "/" + example.name()).isEqualTo(withoutDecisionId(fresh));
        }
    }

    @Test
    void aChangedRuleFileCompilesTheRulesThatHoldItOnly(@TempDir Path dir) {
        RulesCopy rules = RulesCopy.into(dir.resolve("rules"));
        Path version = PackLoader.versionFolders(rules.root()).get(0);
        append(firstDrl(version), "\n// an analyst's note\n");
        assertOnlyRecompiled(dir, rules, 1);
    }

    @Test
    void aChangedParameterValueCompilesNothingAndThePackHasTheNewValue(@TempDir Path dir) throws IOException {
        RulesCopy rules = RulesCopy.into(dir.resolve("rules"));
        // the first whole-number parameter value of any pack, one more
        java.util.regex.Pattern value = java.util.regex.Pattern.compile("(?m)^    value: (\\d+)$");
        Path manifest = null;
        java.util.regex.Matcher m = null;
        for (Path v : PackLoader.versionFolders(rules.root())) {
            m = value.matcher(Files.readString(v.resolve(PackLoader.MANIFEST)));
            if (m.find()) {
                manifest = v.resolve(PackLoader.MANIFEST);
                break;
            }
        }
        assertThat(manifest).as("a pack with a whole-number parameter").isNotNull();
        java.math.BigDecimal raised = new java.math.BigDecimal(m.group(1)).add(java.math.BigDecimal.ONE);
        String text = Files.readString(manifest);
        Files.writeString(manifest, text.substring(0, m.start(1)) + raised + text.substring(m.end(1)));
        Path folder = manifest.getParent().toAbsolutePath().normalize();
        try (CompiledPackCache cache = new CompiledPackCache(copyOfCache(dir), VERSION)) {
            LoadReport report = load(rules.root(), cache);
            assertThat(cache.misses()).as("rules compiled").isZero();
            assertThat(cache.hits()).isEqualTo(entries);
            RulePack edited = report.packs().all().stream().filter(p -> p.folder().equals(folder)).findFirst().orElseThrow();
            assertThat(edited.parameters().all().values()).anySatisfy(p -> assertThat(p.value()).isEqualTo(raised));
        }
    }

    @Test
    void aChangedModuleRuleFileCompilesThePacksThatIncludeIt(@TempDir Path dir) {
        RulesCopy rules = RulesCopy.into(dir.resolve("rules"));
        Path module = rules.root().resolve("programmes/amif2027");
        List<Path> including = PackLoader.versionFolders(rules.root()).stream()
                .filter(v -> read(v.resolve(PackLoader.MANIFEST)).contains("programmes/amif2027")).toList();
        assertThat(including).isNotEmpty();
        append(firstDrl(module), "\n// reread\n");
        assertOnlyRecompiled(dir, rules, including.size());
    }

    @Test
    void changedReferenceDataCompilesNothing(@TempDir Path dir) {
        RulesCopy rules = RulesCopy.into(dir.resolve("rules"));
        append(rules.root().resolve("reference/regions.csv"), "\n");
        assertOnlyRecompiled(dir, rules, 0);
    }

    @Test
    void anotherBuildOfCallcheckCompilesEverything(@TempDir Path dir) {
        try (CompiledPackCache cache = new CompiledPackCache(copyOfCache(dir), "test-build-2")) {
            load(RulesCopy.into(dir.resolve("rules")).root(), cache);
            assertThat(cache.hits()).isZero();
            assertThat(cache.misses()).isEqualTo(entries);
        }
    }

    @Test
    void aCorruptEntryIsRebuiltNeverServed(@TempDir Path dir) throws Exception {
        Path cacheDir = copyOfCache(dir);
        RulesCopy rules = RulesCopy.into(dir.resolve("rules"));
        Path entry = anEntry(cacheDir);
        byte[] bytes = Files.readAllBytes(entry);
        bytes[bytes.length / 2] ^= 0x5A; // one flipped byte inside the KJAR
        Files.write(entry, bytes);
        try (CompiledPackCache cache = new CompiledPackCache(cacheDir, VERSION)) {
            PackEngine engine = new PackEngine(load(rules.root(), cache).packs());
            assertThat(cache.rejected()).isEqualTo(1);
            assertThat(cache.misses()).isEqualTo(1);
            assertThat(cache.hits()).isEqualTo(entries - 1);
            for (Example example : Example.all(Packs.EXAMPLES)) {
                assertThat(ExampleResult.run(engine, example).passed()).as(example.call() + "/" + example.name()).isTrue();
            }
            cache.awaitStored(10, TimeUnit.MINUTES);
            assertThat(cache.stored()).isEqualTo(1);
        }
        try (CompiledPackCache again = new CompiledPackCache(cacheDir, VERSION)) {
            load(rules.root(), again);
            assertThat(again.hits()).as("the rebuilt entry serves").isEqualTo(entries);
        }
    }

    @Test
    void aTruncatedEntryIsRebuilt(@TempDir Path dir) throws Exception {
        Path cacheDir = copyOfCache(dir);
        RulesCopy rules = RulesCopy.into(dir.resolve("rules"));
        Path entry = anEntry(cacheDir);
        byte[] bytes = Files.readAllBytes(entry);
        Files.write(entry, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        try (CompiledPackCache cache = new CompiledPackCache(cacheDir, VERSION)) {
            load(rules.root(), cache);
            assertThat(cache.rejected()).isEqualTo(1);
            assertThat(cache.hits()).isEqualTo(entries - 1);
            assertThat(entry).doesNotExist();
        }
    }

    @Test
    void aCopiedVersionSharesItsRulesAndDecidesWithItsOwnParameters(@TempDir Path dir) throws IOException {
        Path rules = dir.resolve("rules");
        RulesCopy.copyTree(Path.of("src/test/resources/library/rules"), rules);
        Path copy = rules.resolve("900/2025-01-01");
        RulesCopy.copyTree(rules.resolve("900/2024-01-01"), copy);
        Path manifest = copy.resolve(PackLoader.MANIFEST);
        Files.writeString(manifest, Files.readString(manifest).replace("version: \"2024-01-01\"", "version: \"2025-01-01\"")
                .replace("from: 2024-01-01", "from: 2025-01-01").replace("value: 10000", "value: 8000"));
        try (CompiledPackCache cache = new CompiledPackCache(dir.resolve("cache"), VERSION)) {
            PackEngine engine = new PackEngine(load(rules, cache).packs());
            assertThat(cache.misses()).as("one compile for the two versions").isEqualTo(1);
            RulePack first = engine.packs().select("900", "2024-01-01", null);
            RulePack second = engine.packs().select("900", "2025-01-01", null);
            assertThat(second.kieBase()).isSameAs(first.kieBase());
            assertThat(second.digest()).isNotEqualTo(first.digest());
            String asks9000 = "{\"title\":\"t\",\"financing\":{\"totalCost\":20000,\"amif\":9000},\"submittedOn\":\"";
            assertThat(engine.evaluate("900", callcheck.model.ProposalReader.read(asks9000 + "2024-06-01\"}")).verdict().name()).isEqualTo("ELIGIBLE");
            assertThat(engine.evaluate("900", callcheck.model.ProposalReader.read(asks9000 + "2025-06-01\"}")).verdict().name()).isEqualTo("INELIGIBLE");
        }
    }

    @Test
    void aPackCompiledToTheExecutableModelIsStoredAtOnceAndReadBack(@TempDir Path dir) {
        Path rules = Path.of("src/test/resources/library/rules");
        Path version = rules.resolve("900/2024-01-01");
        PackOptions executable = new PackOptions(true, true, true, false);
        try (CompiledPackCache cache = new CompiledPackCache(dir, VERSION)) {
            RulePack compiled = new PackLoader(executable, cache).load(rules, version);
            assertThat(cache.stored()).as("stored by the loading thread, not the background one").isEqualTo(1);
            RulePack read = new PackLoader(PackOptions.DEFAULTS, cache).load(rules, version);
            assertThat(cache.hits()).isEqualTo(1);
            assertThat(read.rules()).isEqualTo(compiled.rules());
            assertThat(read.digest()).isEqualTo(compiled.digest());
        }
    }

    private static void assertOnlyRecompiled(Path dir, RulesCopy rules, int expected) {
        try (CompiledPackCache cache = new CompiledPackCache(copyOfCache(dir), VERSION)) {
            load(rules.root(), cache);
            assertThat(cache.misses()).as("rules compiled").isEqualTo(expected);
            assertThat(cache.hits()).as("rules from the cache").isEqualTo(entries - expected);
        }
    }

    /** The largest entry of a cache folder: some pack's rules. */
    private static Path anEntry(Path cacheDir) throws IOException {
        try (Stream<Path> files = Files.list(cacheDir)) {
            return files.filter(f -> f.toString().endsWith(".kjar")).max(java.util.Comparator.comparingLong(f -> f.toFile().length())).orElseThrow();
        }
    }

    private static LoadReport load(Path rules, CompiledPackCache cache) {
        LoadReport report = LoadReport.load(rules, new PackLoader(PackOptions.DEFAULTS, cache));
        assertThat(report.failures()).isEmpty();
        return report;
    }

    private static String withoutDecisionId(ExampleResult r) {
        Verdict v = r.verdict();
        assertThat(v).as(r.error()).isNotNull();
        ObjectNode tree = Json.output().valueToTree(v);
        tree.remove("decisionId");
        return tree.toString();
    }

    private static Path copyOfCache(Path dir) {
        Path to = dir.resolve("cache");
        try (Stream<Path> files = Files.list(filled)) {
            Files.createDirectories(to);
            for (Path f : files.toList()) Files.copy(f, to.resolve(f.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return to;
    }

    private static Path firstDrl(Path folder) {
        return PackLoader.drlFiles(folder).get(0);
    }

    private static void append(Path file, String text) {
        try {
            Files.writeString(file, text, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
