package callcheck.reload;

import callcheck.evaluation.PackEngine;

import callcheck.evaluation.LoadReport;
import callcheck.pack.PackLoader;
import callcheck.pack.RulePack;
import callcheck.support.PackVersions;
import callcheck.support.Packs;
import callcheck.support.RulesCopy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The watcher picks up an analyst's saved files by itself; what serves after is as the Reloader decides. */
class RulesWatcherTest {
    /** Only how long to wait before calling the test failed; a reload takes well under a second on an idle machine. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String TIMING = "507/2020-07-14/timing.drl";
    private static final String FINANCING = "507/2020-07-14/financing.drl";

    @TempDir
    Path tmp;
    RulesCopy copy;
    PackEngine engine;
    RulesWatcher watcher;
    final List<ReloadStatus> told = new CopyOnWriteArrayList<>();

    @BeforeEach
    void watchACopyOfTheRules() throws IOException {
        copy = RulesCopy.into(tmp.resolve("rules"));
        LoadReport report = LoadReport.load(copy.root(), new PackLoader());
        engine = new PackEngine(report.packs());
        watcher = RulesWatcher.start(engine, copy.root(), Packs.EXAMPLES, RulesWatcher.SETTLE, told::add);
    }

    @AfterEach
    void stop() {
        watcher.close();
    }

    @Test
    void a_saved_valid_edit_is_served_with_a_new_digest() {
        String before = digest();
        copy.edit(FINANCING, "of {subsidy} euro is above", "of {subsidy} EUR is above");
        await(() -> !digest().equals(before));
        assertThat(watcher.status().pack("507", "2020-07-14")).satisfies(p -> {
            assertThat(p.state()).isEqualTo(PackStatus.State.SERVING);
            assertThat(p.servingDigest()).isEqualTo(digest());
        });
        assertThat(told).last().satisfies(s -> assertThat(s.latest()).isTrue());
    }

    @Test
    void a_saved_broken_edit_leaves_the_last_good_version_serving_and_the_status_says_where() throws IOException {
        String before = digest();
        copy.edit(TIMING, "submittedOn.isAfter($deadline))", "submittedOn.isAfter($deadline)");
        await(() -> watcher.status().pack("507", "2020-07-14").state() == PackStatus.State.FAILED);
        assertThat(digest()).isEqualTo(before);
        ReloadStatus s = watcher.status();
        assertThat(s.state()).isEqualTo(ReloadStatus.LAST_GOOD);
        assertThat(s.pack("507", "2020-07-14").errors()).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo(TIMING);
            assertThat(e.line()).isEqualTo(lineOf(TIMING, "submittedOn.isAfter($deadline)"));
        });
    }

    @Test
    void a_saved_edit_that_changes_an_example_verdict_is_refused() {
        String before = digest();
        copy.edit("507/2020-07-14/pack.yaml", "    value: 40000\n", "    value: 30000\n");
        await(() -> watcher.status().pack("507", "2020-07-14").state() == PackStatus.State.REFUSED);
        assertThat(digest()).isEqualTo(before);
        assertThat(watcher.status().pack("507", "2020-07-14").errors()).extracting(e -> e.file())
                .contains(Packs.EXAMPLES.resolve("507/eligible-tielt-pittem.json").toString());
    }

    @Test
    void a_new_version_folder_is_picked_up() {
        int before = engine.packs().versions("507").size();
        // From a day no example is submitted on: the examples keep the versions that decide them now.
        String added = PackVersions.copyToFresh(copy.root(), "507", "2020-07-14", "2999-01-01");
        await(() -> engine.packs().versions("507").size() == before + 1);
        assertThat(engine.packs().versions("507")).extracting(RulePack::version).contains("2020-07-14", added);
        assertThat(watcher.status().pack("507", added).state()).isEqualTo(PackStatus.State.SERVING);
    }

    private String digest() {
        return engine.packs().select("507", "2020-07-14", null).digest();
    }

    private int lineOf(String file, String text) throws IOException {
        List<String> lines = Files.readAllLines(copy.root().resolve(file));
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains(text)) return i + 1;
        throw new AssertionError(text);
    }

    private static void await(BooleanSupplier done) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("the watcher did not reload within " + PATIENCE);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
