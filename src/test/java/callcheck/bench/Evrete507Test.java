package callcheck.bench;

import callcheck.examples.Example;
import callcheck.pack.RulePack;
import callcheck.model.Proposal;
import callcheck.model.ProposalReader;
import callcheck.support.Packs;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules written for Evrete must decide as the hand-written baseline (and so the pack) does, or the comparison means nothing. */
class Evrete507Test {

    @Test
    void evrete_gives_the_baselines_verdict_and_rule_ids_on_every_507_example() {
        RulePack pack = Packs.engine().packs().versions("507").get(0);
        HandWritten507 baseline = new HandWritten507(pack.parameters(), Packs.engine().packs().reference());
        Evrete507 evrete = new Evrete507(pack.parameters(), Packs.engine().packs().reference());
        try {
            List<Example> examples = Example.of(Path.of("examples/507"));
            assertThat(examples).hasSizeGreaterThanOrEqualTo(15);
            for (Example e : examples) {
                Proposal p = ProposalReader.read(e.proposal());
                HandWritten507.Result want = baseline.evaluate(p);
                HandWritten507.Result got = evrete.evaluate(p);
                assertThat(got.outcome()).as(e.name()).isEqualTo(want.outcome());
                assertThat(new TreeSet<>(got.blocking())).as(e.name()).isEqualTo(new TreeSet<>(want.blocking()));
                assertThat(new TreeSet<>(got.missing())).as(e.name()).isEqualTo(new TreeSet<>(want.missing()));
                assertThat(new TreeSet<>(got.warnings())).as(e.name()).isEqualTo(new TreeSet<>(want.warnings()));
            }
        } finally {
            evrete.close();
        }
    }
}
