package callcheck.support;

import callcheck.evaluation.PackEngine;
import callcheck.examples.Example;
import callcheck.model.ProposalReader;

import java.nio.file.Path;

/** The project's rule packs, compiled once for the whole test run. */
public final class Packs {
    public static final Path RULES = Path.of("rules");
    public static final Path EXAMPLES = Path.of("examples");
    private static PackEngine engine;

    private Packs() {
    }

    public static synchronized PackEngine engine() {
        if (engine == null) engine = PackEngine.load(RULES);
        return engine;
    }

    /** True when the project's packs decide the example with that version of its call (pinned or by its date). */
    public static boolean decidedBy(Example example, String version) {
        String pinned = example.expected().version();
        if (pinned != null) return pinned.equals(version);
        return engine().packs().select(example.call(), null, ProposalReader.read(example.proposal()).getSubmittedOn()).version().equals(version);
    }
}
