package callcheck.support;

import callcheck.evaluation.EvaluationLimits;
import callcheck.evaluation.Evaluator;
import callcheck.evaluation.PackEngine;
import callcheck.evaluation.PackSet;
import callcheck.pack.PackLoader;
import callcheck.pack.RulePack;
import callcheck.model.Proposal;
import callcheck.model.ProposalReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * Test call 997 (src/test/resources/packs/hanging): a rule that spins on the title {@code LOOP-SPIN} ({@link Hang#spin}),
 * one that sleeps on {@code SLEEP}, and one that notes every proposal (INFO), so any other title is ELIGIBLE.
 */
public final class HangingPack {
    public static final String CALL = "997";
    public static final String VERSION = "2020-01-01";
    public static final Path ROOT = Path.of("src/test/resources/packs/hanging");

    private HangingPack() {
    }

    public static RulePack pack() {
        return new PackLoader().load(ROOT, ROOT.resolve(CALL).resolve(VERSION));
    }

    /**
     * Call 997 alone, with the project's reference data, evaluated within the limits, and warm: one evaluation has
     * succeeded, so that the budget is the limits' and not the first evaluation's {@link Evaluator#COLD_BUDGET}.
     */
    public static PackEngine engine(EvaluationLimits limits) {
        PackEngine engine = coldEngine(limits);
        engine.evaluate(CALL, null, titled("warm-up"));
        return engine;
    }

    /** As {@link #engine}, before any evaluation. */
    public static PackEngine coldEngine(EvaluationLimits limits) {
        return new PackEngine(new PackSet(List.of(pack()), PackLoader.reference(Packs.RULES)), new Evaluator(limits));
    }

    /** A proposal of the day version 2020-01-01 governs, with that title. */
    public static Proposal titled(String title) {
        return ProposalReader.read(json(title).getBytes(StandardCharsets.UTF_8));
    }

    public static String json(String title) {
        return "{\"submittedOn\": \"2020-01-02\", \"title\": \"" + title + "\"}";
    }

    /** Copies the pack's folder into a rules folder (one with the reference data, e.g. from {@link RulesCopy}). */
    public static void copyInto(Path rules) {
        Path from = ROOT.resolve(CALL);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = rules.resolve(CALL).resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(target);
                else Files.copy(f, target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes an example of call 997 with that title, expected ELIGIBLE with 997-SEEN only, into an examples folder. */
    public static void example(Path examples, String name, String title) {
        try {
            Path dir = Files.createDirectories(examples.resolve(CALL));
            Files.writeString(dir.resolve(name + ".json"), json(title));
            Files.writeString(dir.resolve(name + ".expected.json"), "{\"verdict\": \"ELIGIBLE\", \"findings\": [\"997-SEEN\"]}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Limits with one slot, the given budget, a short slot wait and room for two stuck evaluations. */
    public static EvaluationLimits limits(Duration budget) {
        return new EvaluationLimits(budget, 1, Duration.ofMillis(200), 2);
    }
}
