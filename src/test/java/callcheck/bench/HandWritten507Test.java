package callcheck.bench;

import callcheck.engine.Finding;
import callcheck.engine.Verdict;
import callcheck.evaluation.PackEngine;
import callcheck.pack.PackLoader;
import callcheck.reference.ReferenceData;
import callcheck.model.Proposal;
import callcheck.model.ProposalReader;
import callcheck.pack.RulePack;
import callcheck.engine.Severity;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark's hand-written baseline must decide as the rule pack does, or the comparison means nothing. Checked on
 * pinned copies of the version it repeats, the reference data and the 507 proposals (src/test/resources/bench/507-agreement):
 * what analysts change in rules/ or examples/ does not touch it.
 */
class HandWritten507Test {
    private static final Path PINNED = Path.of("src/test/resources/bench/507-agreement");

    @Test
    void the_baseline_gives_the_engines_verdict_on_every_pinned_507_proposal() throws IOException {
        Path rules = PINNED.resolve("rules");
        RulePack pack = new PackLoader().load(rules, rules.resolve("507").resolve(HandWritten507.VERSION));
        ReferenceData reference = PackLoader.reference(rules);
        HandWritten507 baseline = new HandWritten507(pack.parameters(), reference);
        List<Path> proposals;
        try (Stream<Path> files = Files.list(PINNED.resolve("examples"))) {
            proposals = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(proposals).hasSizeGreaterThanOrEqualTo(15);
        for (Path file : proposals) {
            String name = file.getFileName().toString();
            Proposal p = ProposalReader.read(Files.readAllBytes(file));
            Verdict v = PackEngine.evaluate(pack, reference, p);
            HandWritten507.Result r = baseline.evaluate(p);
            assertThat(r.outcome()).as(name).isEqualTo(v.verdict());
            assertThat(new TreeSet<>(r.blocking())).as(name).isEqualTo(ids(v, Severity.BLOCKING));
            assertThat(new TreeSet<>(r.missing())).as(name).isEqualTo(ids(v, Severity.MISSING));
            assertThat(new TreeSet<>(r.warnings())).as(name).isEqualTo(ids(v, Severity.WARNING));
        }
    }

    private static TreeSet<String> ids(Verdict v, Severity s) {
        TreeSet<String> ids = new TreeSet<>();
        for (Finding f : v.findings()) if (f.severity() == s) ids.add(f.rule());
        return ids;
    }
}
