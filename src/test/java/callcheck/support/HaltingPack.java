package callcheck.support;

import callcheck.evaluation.EvaluationLimits;
import callcheck.evaluation.Evaluator;
import callcheck.evaluation.PackEngine;
import callcheck.evaluation.PackSet;
import callcheck.pack.PackLoader;
import callcheck.pack.PackOptions;
import callcheck.pack.RulePack;

import java.nio.file.Path;
import java.util.List;

/**
 * Test call 993 (src/test/resources/packs/halting): rules that a halt stops, one of which updates its own fact for ever
 * on the title {@code AGENDA-LOOP}; any other title is ELIGIBLE with 993-SEEN. Its proposals use
 * {@link HangingPack#titled}'s shape (submitted 2020-01-02).
 */
public final class HaltingPack {
    public static final String CALL = "993";
    public static final Path ROOT = Path.of("src/test/resources/packs/halting");

    private HaltingPack() {
    }

    public static RulePack pack() {
        return new PackLoader().load(ROOT, ROOT.resolve(CALL).resolve("2020-01-01"));
    }

    /**
     * Call 993 alone, compiled out of Drools' sequential mode (in which a rule fires once per match, so that the agenda
     * cannot loop), evaluated within the limits, and warm (one evaluation has succeeded).
     */
    public static PackEngine engine(EvaluationLimits limits) {
        PackOptions looping = new PackOptions(PackOptions.DEFAULTS.executableModel(), false, PackOptions.DEFAULTS.sessionPool(), false);
        RulePack pack = new PackLoader(looping).load(ROOT, ROOT.resolve(CALL).resolve("2020-01-01"));
        PackEngine engine = new PackEngine(new PackSet(List.of(pack), PackLoader.reference(Packs.RULES)), new Evaluator(limits));
        engine.evaluate(CALL, null, HangingPack.titled("warm-up"));
        return engine;
    }
}
