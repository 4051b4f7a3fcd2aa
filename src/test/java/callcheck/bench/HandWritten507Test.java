package callcheck.bench;

import callcheck.engine.Finding;
import callcheck.engine.Verdict;
import callcheck.internal.examples.Example;
import callcheck.model.Proposal;
import callcheck.model.ProposalReader;
import callcheck.internal.pack.RulePack;
import callcheck.engine.Severity;
import callcheck.support.Packs;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's hand-written baseline must decide as the rule pack does, or the comparison means nothing. */
class HandWritten507Test {

    @Test
    void the_baseline_gives_the_engines_verdict_on_every_507_example() {
        // The baseline is written after version 2020-07-14: every example is evaluated with that version pinned.
        RulePack pack = Packs.engine().packs().select("507", HandWritten507.VERSION, null);
        HandWritten507 baseline = new HandWritten507(pack.parameters(), Packs.engine().packs().reference());
        List<Example> examples = Example.of(Path.of("examples/507"));
        assertThat(examples).hasSizeGreaterThanOrEqualTo(15);
        for (Example e : examples) {
            Proposal p = ProposalReader.read(e.proposal());
            Verdict v = Packs.engine().evaluate("507", HandWritten507.VERSION, p);
            HandWritten507.Result r = baseline.evaluate(p);
            assertThat(r.outcome()).as(e.name()).isEqualTo(v.verdict());
            assertThat(new TreeSet<>(r.blocking())).as(e.name()).isEqualTo(ids(v, Severity.BLOCKING));
            assertThat(new TreeSet<>(r.missing())).as(e.name()).isEqualTo(ids(v, Severity.MISSING));
            assertThat(new TreeSet<>(r.warnings())).as(e.name()).isEqualTo(ids(v, Severity.WARNING));
        }
    }

    private static TreeSet<String> ids(Verdict v, Severity s) {
        TreeSet<String> ids = new TreeSet<>();
        for (Finding f : v.findings()) if (f.severity() == s) ids.add(f.rule());
        return ids;
    }
}
