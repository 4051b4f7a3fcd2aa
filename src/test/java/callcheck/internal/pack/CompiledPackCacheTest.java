package callcheck.internal.pack;

import callcheck.engine.Verdict;
import callcheck.internal.engine.LoadReport;
import callcheck.internal.engine.PackEngine;
import callcheck.internal.examples.Example;
import callcheck.internal.examples.ExampleResult;
import callcheck.internal.model.Json;
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
 * The compiled-pack cache: a pack loads from its entry only while nothing it was compiled from changed, exactly the
 * packs a change touches compile again, a corrupt entry is rebuilt, and a pack from the cache decides every example as
 * a freshly compiled one does. The cache is filled once (five executable models compiled); each test works on its own
 * copy of it and of the rules (an entry is keyed by content, not by where the rules lie).
 */
class CompiledPackCacheTest {
    private static final String VERSION = "test-build-1";
    /** Cache entries of the project's packs: one per pack, one more for a pack's call-level rules. */
    private static final int PACKS = entries(PackLoader.versionFolders(Packs.RULES));

    /** The entries the given version folders make: each pack's rules, and its call-level rules when it has some. */
    private static int entries(List<Path> versionFolders) {
        int n = 0;
        for (Path v : versionFolders) {
            try (java.util.stream.Stream<Path> files = Files.list(v)) {
                n += files.anyMatch(f -> f.toString().endsWith(".drl") && PackLoader.isRoundFile(f)) ? 2 : 1;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return n;
    }

    @TempDir
    static Path shared;
    private static Path filled;

    @BeforeAll
    static void fillTheCache() throws InterruptedException {
        filled = shared.resolve("cache");
        try (CompiledPackCache cache = new CompiledPackCache(filled, VERSION)) {
            load(RulesCopy.into(shared.resolve("rules")).root(), cache);
            assertThat(cache.misses()).isEqualTo(PACKS);
            cache.awaitStored(10, TimeUnit.MINUTES);
            assertThat(cache.stored()).as("an entry per pack").isEqualTo(PACKS);
        }
    }

    @Test
    void everyPackLoadsFromTheCacheWithTheSameRulesAndDecidesEveryExampleAsAFreshCompileDoes(@TempDir Path dir) {
        try (CompiledPackCache cache = new CompiledPackCache(copyOfCache(dir), VERSION)) {
            PackEngine cached = new PackEngine(load(RulesCopy.into(dir.resolve("rules")).root(), cache).packs());
            assertThat(cache.hits()).isEqualTo(PACKS);
            assertThat(cache.misses()).isZero();
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
    }

    @Test
    void aChangedRuleFileCompilesThatPackOnly(@TempDir Path dir) {
        RulesCopy rules = RulesCopy.into(dir.resolve("rules"));
        Path drl = firstDrl(rules.root().resolve("507/2020-07-14"));
        append(drl, "\n// an analyst's note\n");
        assertOnlyRecompiled(dir, rules, entries(List.of(rules.root().resolve("507/2020-07-14"))));
    }

    @Test
    void aChangedParameterCompilesThatPackOnly(@TempDir Path dir) {
        RulesCopy rules = RulesCopy.into(dir.resolve("rules")).edit("426/2018-06-27/pack.yaml", "value: 1600000", "value: 1700000");
        assertOnlyRecompiled(dir, rules, entries(List.of(rules.root().resolve("426/2018-06-27"))));
    }

    @Test
    void aChangedModuleCompilesThePacksThatIncludeIt(@TempDir Path dir) {
        RulesCopy rules = RulesCopy.into(dir.resolve("rules"));
        append(rules.root().resolve("programmes/amif2027/module.yaml"), "\n# reread\n");
        List<Path> including = PackLoader.versionFolders(rules.root()).stream()
                .filter(v -> read(v.resolve(PackLoader.MANIFEST)).contains("programmes/amif2027")).toList();
        assertThat(entries(including)).isPositive().isLessThan(PACKS);
        assertOnlyRecompiled(dir, rules, entries(including));
    }

    @Test
    void changedReferenceDataCompilesEveryPack(@TempDir Path dir) {
        RulesCopy rules = RulesCopy.into(dir.resolve("rules"));
        append(rules.root().resolve("reference/regions.csv"), "\n");
        assertOnlyRecompiled(dir, rules, PACKS);
    }

    @Test
    void anotherBuildOfCallcheckCompilesEveryPack(@TempDir Path dir) {
        try (CompiledPackCache cache = new CompiledPackCache(copyOfCache(dir), "test-build-2")) {
            load(RulesCopy.into(dir.resolve("rules")).root(), cache);
            assertThat(cache.hits()).isZero();
            assertThat(cache.misses()).isEqualTo(PACKS);
        }
    }

    @Test
    void aCorruptEntryIsRebuiltNeverServed(@TempDir Path dir) throws Exception {
        Path cacheDir = copyOfCache(dir);
        RulesCopy rules = RulesCopy.into(dir.resolve("rules"));
        String digest = PackLoader.digest(rules.root(), rules.root().resolve("507/2020-07-14"));
        Path entry = new CompiledPackCache(cacheDir, VERSION).entry(digest);
        byte[] bytes = Files.readAllBytes(entry);
        bytes[bytes.length / 2] ^= 0x5A; // one flipped byte inside the KJAR
        Files.write(entry, bytes);
        try (CompiledPackCache cache = new CompiledPackCache(cacheDir, VERSION)) {
            PackEngine engine = new PackEngine(load(rules.root(), cache).packs());
            assertThat(cache.rejected()).isEqualTo(1);
            assertThat(cache.misses()).isEqualTo(1);
            assertThat(cache.hits()).isEqualTo(PACKS - 1);
            Example example = Example.of(Packs.EXAMPLES.resolve("507")).get(0);
            assertThat(ExampleResult.run(engine, example).passed()).isTrue();
            cache.awaitStored(10, TimeUnit.MINUTES);
            assertThat(cache.stored()).isEqualTo(1);
        }
        try (CompiledPackCache again = new CompiledPackCache(cacheDir, VERSION)) {
            load(rules.root(), again);
            assertThat(again.hits()).as("the rebuilt entry serves").isEqualTo(PACKS);
        }
    }

    @Test
    void aTruncatedEntryIsRebuilt(@TempDir Path dir) throws Exception {
        Path cacheDir = copyOfCache(dir);
        RulesCopy rules = RulesCopy.into(dir.resolve("rules"));
        Path entry = new CompiledPackCache(cacheDir, VERSION).entry(PackLoader.digest(rules.root(), rules.root().resolve("41/2022-12-22")));
        byte[] bytes = Files.readAllBytes(entry);
        Files.write(entry, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        try (CompiledPackCache cache = new CompiledPackCache(cacheDir, VERSION)) {
            load(rules.root(), cache);
            assertThat(cache.rejected()).isEqualTo(1);
            assertThat(cache.hits()).isEqualTo(PACKS - 1);
            assertThat(entry).doesNotExist();
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
            assertThat(cache.misses()).as("packs compiled").isEqualTo(expected);
            assertThat(cache.hits()).as("packs from the cache").isEqualTo(PACKS - expected);
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
