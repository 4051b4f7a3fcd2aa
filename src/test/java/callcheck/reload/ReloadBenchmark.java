package callcheck.reload;

import callcheck.evaluation.PackEngine;

import callcheck.evaluation.LoadReport;
import callcheck.pack.PackLoader;
import callcheck.support.Packs;
import callcheck.support.RulesCopy;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Measures live reload; not a test (no thresholds), run by hand from the project folder:
 * <pre>
 * mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx1g -cp target/test-classes:target/classes:$(cat target/cp.txt) callcheck.reload.ReloadBenchmark 1000
 * </pre>
 * 1. Edit to served: a rule file of the 507 pack saved (each time with a text of its own, so that each compiles), then
 * the time until the engine serves the new digest, through the watcher (settle {@link RulesWatcher#SETTLE} included),
 * 20 times; then the same for an edit of the pack's manifest (a parameter's description), which compiles nothing.
 * 2. A module edit (rules/programmes/amif2027, which 41 and ACT include): the time to reload, 10 times. Only the
 * packs that include it compile again; the others keep the pack compiled from the same files (same digest).
 * 3. Memory: the heap in use (after full collections) and the classes loaded after 10 reloads and after N
 * (default 1,000), each reload compiling the pack and running its examples.
 */
public final class ReloadBenchmark {
    private static final String FINANCING = "507/2020-07-14/financing.drl";
    private static final String MANIFEST = "507/2020-07-14/pack.yaml";
    private static final String DESCRIPTION = "the highest subsidy (AMIF plus VVSG) one proeftuin can ask";
    private static final String EURO = "of {subsidy} euro is above the maximum of {limit} euro";
    private static final String EUR = "of {subsidy} EUR is above the maximum of {limit} EUR";
    private static final String MODULE = "programmes/amif2027/programme.drl";
    private static final String MODULE_TEXT = "// AMIF 2021-2027: the rules every call of the programme shares.";

    public static void main(String[] args) throws Exception {
        int reloads = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Path tmp = Files.createTempDirectory("callcheck-bench");
        editToServed(RulesCopy.into(tmp.resolve("watched")), 20);
        moduleEdit(RulesCopy.into(tmp.resolve("module")), 10);
        memory(RulesCopy.into(tmp.resolve("reloaded")), reloads);
    }

    private static void editToServed(RulesCopy copy, int edits) throws Exception {
        PackEngine engine = new PackEngine(LoadReport.load(copy.root(), new PackLoader()).packs());
        try (RulesWatcher watcher = RulesWatcher.start(engine, copy.root(), Packs.EXAMPLES, RulesWatcher.SETTLE, s -> { })) {
            timeEdits("rule file edit to served", engine, watcher, copy, FINANCING, EURO, i -> EURO.replace("maximum", "maximum (" + i + ")"), edits);
            timeEdits("manifest edit to served", engine, watcher, copy, MANIFEST, DESCRIPTION, i -> DESCRIPTION + " (" + i + ")", edits);
        }
    }

    /** Saves the file with the i-th text in place of the one before, and times until the new digest serves. */
    private static void timeEdits(String what, PackEngine engine, RulesWatcher watcher, RulesCopy copy, String file, String text,
                                  java.util.function.IntFunction<String> variant, int edits) throws Exception {
        List<Long> millis = new ArrayList<>();
        List<Long> work = new ArrayList<>();
        String current = text;
        for (int i = 0; i < edits; i++) {
            String before = digest(engine);
            String next = variant.apply(i);
            long start = System.nanoTime();
            copy.edit(file, current, next);
            current = next;
            while (digest(engine).equals(before)) Thread.sleep(1);
            millis.add((System.nanoTime() - start) / 1_000_000);
            work.add(watcher.status().pack("507", "2020-07-14").lastReloadMillis());
            Thread.sleep(500); // let the watcher go quiet before the next edit
        }
        System.out.printf("%s, %d edits (settle %d ms included): median %d ms, min %d, max %d;"
                        + " of which compile + examples: median %d ms%n", what, edits, RulesWatcher.SETTLE.toMillis(),
                median(millis), Collections.min(millis), Collections.max(millis), median(work));
    }

    private static void moduleEdit(RulesCopy copy, int edits) {
        PackEngine engine = new PackEngine(LoadReport.load(copy.root(), new PackLoader()).packs());
        Reloader reloader = new Reloader(engine, copy.root(), Packs.EXAMPLES);
        Path file = copy.root().resolve(MODULE);
        Change change = Change.of(copy.root(), Packs.EXAMPLES, List.of(file), Set.copyOf(engine.packs().calls()));
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < edits; i++) {
            if (i % 2 == 0) copy.edit(MODULE, MODULE_TEXT, MODULE_TEXT + " (edited)");
            else copy.edit(MODULE, MODULE_TEXT + " (edited)", MODULE_TEXT);
            long start = System.nanoTime();
            if (!reloader.reload(change).latest()) throw new IllegalStateException("module reload " + i + " failed: " + reloader.status());
            millis.add((System.nanoTime() - start) / 1_000_000);
        }
        System.out.printf("module edit to served, %d edits (no settle): median %d ms, min %d, max %d%n", edits, median(millis),
                Collections.min(millis), Collections.max(millis));
    }

    private static void memory(RulesCopy copy, int reloads) {
        PackEngine engine = new PackEngine(LoadReport.load(copy.root(), new PackLoader()).packs());
        Reloader reloader = new Reloader(engine, copy.root(), Packs.EXAMPLES);
        Change change = Change.of(copy.root(), Packs.EXAMPLES, List.of(copy.root().resolve(FINANCING)), Set.of("507"));
        long start = System.nanoTime();
        for (int i = 1; i <= reloads; i++) {
            if (i % 2 == 1) copy.edit(FINANCING, EURO, EUR);
            else copy.edit(FINANCING, EUR, EURO);
            if (!reloader.reload(change).latest()) throw new IllegalStateException("reload " + i + " failed: " + reloader.status());
            if (i == 10 || i == reloads) {
                System.out.printf("after %4d reloads: heap used %6.1f MB, classes loaded %d (%d ms per reload so far)%n", i,
                        heapAfterGc() / 1e6, ManagementFactory.getClassLoadingMXBean().getLoadedClassCount(),
                        (System.nanoTime() - start) / 1_000_000 / i);
            }
        }
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String digest(PackEngine engine) {
        return engine.packs().select("507", "2020-07-14", null).digest();
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
