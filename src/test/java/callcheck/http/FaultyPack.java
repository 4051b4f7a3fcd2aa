package callcheck.http;

import callcheck.evaluation.EvaluationLimits;
import callcheck.evaluation.Evaluator;
import callcheck.evaluation.PackEngine;
import callcheck.evaluation.PackSet;
import callcheck.pack.PackLoader;
import callcheck.pack.RulePack;
import callcheck.support.Packs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Test packs under src/test/resources/packs with the project's reference data: call 999, whose only rule throws
 * while it runs (a bug inside the service, on demand), call 998, whose only rule passes through {@link Gate}, and
 * call 997 with call-level rules.
 */
final class FaultyPack {
    static final String CALL = "999";
    /** A day that version 2020-01-01 of call 999 (and of 998) governs. */
    static final String DAY = "2020-01-02";

    private FaultyPack() {
    }

    /** The project's packs plus call 999. */
    static PackEngine engine() {
        List<RulePack> packs = new ArrayList<>(Packs.engine().packs().all());
        packs.add(load("faulty", "999/2020-01-01"));
        return new PackEngine(new PackSet(packs, Packs.engine().packs().reference()));
    }

    /** Call 998 alone, evaluated without limits. */
    static PackEngine gated() {
        return gated(EvaluationLimits.none());
    }

    /** Call 998 alone, evaluated within the limits. */
    static PackEngine gated(EvaluationLimits limits) {
        return new PackEngine(new PackSet(List.of(load("gated", "998/2020-01-01")), Packs.engine().packs().reference()), new Evaluator(limits));
    }

    /** Call 997 alone, in two versions (2020-01-01, 2021-01-01) with call-level rules: a budget and a least count. */
    static PackEngine rounds() {
        return new PackEngine(new PackSet(List.of(load("rounds", "997/2020-01-01"), load("rounds", "997/2021-01-01")),
                Packs.engine().packs().reference()));
    }

    private static RulePack load(String set, String versionFolder) {
        Path root = Path.of("src/test/resources/packs", set);
        return new PackLoader().load(root, root.resolve(versionFolder));
    }
}
