package callcheck.evaluation;

import callcheck.pack.PackLoader;
import callcheck.pack.PackOptions;
import callcheck.pack.RulePack;
import callcheck.support.RulesCopy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Loading a rules folder gives the same packs and the same failures whether the packs compile in parallel or not. */
class LoadReportTest {

    @TempDir
    Path tmp;

    @Test
    void parallel_and_one_by_one_loads_give_the_same_packs_and_failures() {
        RulesCopy copy = RulesCopy.into(tmp.resolve("rules"));
        copy.edit("507/2020-07-14/timing.drl", "submittedOn.isAfter($deadline))", "submittedOn.isAfter($deadline)");

        LoadReport parallel = LoadReport.load(copy.root(), new PackLoader(new PackOptions(false, true, true, true)));
        LoadReport oneByOne = LoadReport.load(copy.root(), new PackLoader(new PackOptions(false, true, true, false)));

        // the broken version, and any later 507 version extending it (an analyst may add one)
        assertThat(parallel.failures()).containsKey("507/2020-07-14");
        assertThat(parallel.failures().keySet()).allSatisfy(k -> assertThat(k).startsWith("507/"));
        assertThat(parallel.failures()).isEqualTo(oneByOne.failures());
        assertThat(parallel.packs().all()).extracting(RulePack::digest)
                .containsExactlyElementsOf(oneByOne.packs().all().stream().map(RulePack::digest).toList())
                .hasSize(PackLoader.versionFolders(copy.root()).size() - parallel.failures().size());
        assertThat(parallel.packs().reference()).isNotNull();
    }
}
