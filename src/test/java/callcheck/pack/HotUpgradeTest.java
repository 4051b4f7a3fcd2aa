package callcheck.pack;

import callcheck.engine.Verdict;
import callcheck.evaluation.PackEngine;
import callcheck.model.Proposal;
import callcheck.model.ProposalReader;
import callcheck.reference.ReferenceData;
import callcheck.support.RulesCopy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rules compiled from DRL become the executable model once hot (test pack 906): not before the threshold, on their own
 * after it, deciding the same, stored in the cache; a closed pack is not upgraded.
 */
class HotUpgradeTest {
    private static final Path TEST_PACK = Path.of("src/test/resources/packs/impact/906/2024-01-01");
    private static final Path TEST_REFERENCE = Path.of("src/test/resources/library/rules/reference");

    @TempDir
    Path tmp;

    private Path rules() throws Exception {
        Path rules = tmp.resolve("rules");
        RulesCopy.copyTree(TEST_PACK, rules.resolve("906/2024-01-01"));
        RulesCopy.copyTree(TEST_REFERENCE, rules.resolve("reference"));
        return rules;
    }

    private static Proposal proposal(String title, int amif) {
        return ProposalReader.read(("{\"submittedOn\":\"2024-03-01\"," + (title == null ? "" : "\"title\":\"" + title + "\",")
                + "\"financing\":{\"totalCost\":20000,\"amif\":" + amif + "}}").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void hot_rules_are_swapped_for_their_executable_model_which_decides_the_same_and_is_cached() throws Exception {
        Path rules = rules();
        Path cacheDir = tmp.resolve("cache");
        try (CompiledPackCache cache = new CompiledPackCache(cacheDir)) {
            RulePack pack = new PackLoader(new PackOptions(false, true, true, false, 3), cache).load(rules, rules.resolve("906/2024-01-01"));
            ReferenceData reference = PackLoader.reference(rules);
            List<Proposal> proposals = List.of(proposal(null, 30000), proposal("Samen", 5000), proposal("Samen", 30000));
            List<Verdict> before = proposals.stream().limit(2).map(p -> PackEngine.evaluate(pack, reference, p)).toList();
            assertThat(pack.executableModel()).as("two evaluations: not hot yet").isFalse();
            Verdict third = PackEngine.evaluate(pack, reference, proposals.get(2)); // the third asks for the upgrade
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (!pack.executableModel() && System.nanoTime() < deadline) Thread.sleep(20);
            assertThat(pack.executableModel()).as("upgraded in the background").isTrue();
            assertThat(HotUpgrade.isExecutable(pack.kieBase())).isTrue();
            List<Verdict> after = proposals.stream().map(p -> PackEngine.evaluate(pack, reference, p)).toList();
            assertThat(after.get(0).findings()).isEqualTo(before.get(0).findings()).isNotEmpty();
            assertThat(after.get(1).findings()).isEqualTo(before.get(1).findings());
            assertThat(after.get(1).financing()).isEqualTo(before.get(1).financing());
            assertThat(after.get(2).findings()).isEqualTo(third.findings()).isNotEmpty();
            try (var entries = Files.list(cacheDir)) {
                assertThat(entries.map(f -> f.getFileName().toString())).as("the executable model stored").anyMatch(n -> n.endsWith(".kjar"));
            }
        }
    }

    @Test
    void a_closed_pack_is_not_upgraded_and_rules_never_hot_stay_on_drl() throws Exception {
        Path rules = rules();
        PackLoader loader = new PackLoader(new PackOptions(false, true, true, false, 1_000_000));
        RulePack pack = loader.load(rules, rules.resolve("906/2024-01-01"));
        PackEngine.evaluate(pack, PackLoader.reference(rules), proposal("Samen", 5000));
        assertThat(pack.executableModel()).isFalse();
        CompiledRules compiled = new CompiledRules(pack.kieBase(), true);
        compiled.close();
        assertThat(compiled.upgrade(pack.kieBase())).as("closed: nothing swapped").isFalse();
        assertThat(compiled.executable()).isFalse();
    }
}
