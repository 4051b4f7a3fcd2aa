package callcheck.engine;

import callcheck.internal.engine.PackEngine;
import callcheck.model.Proposal;

import java.nio.file.Path;

/**
 * Evaluates proposals against the loaded rule packs; usable as a library, with no server. Thread-safe: load once,
 * then evaluate from any number of threads.
 *
 * <pre>{@code
 * Engine engine = Engine.load(Path.of("rules"));
 * Verdict verdict = engine.evaluate("507", ProposalReader.read(json));
 * }</pre>
 */
public final class Engine {
    private final PackEngine packs;

    private Engine(PackEngine packs) {
        this.packs = packs;
    }

    /** Compiles every pack under the rules folder; any pack that does not compile fails the whole load. */
    public static Engine load(Path rules) {
        return new Engine(PackEngine.load(rules));
    }

    /** Evaluates with the version that governs the proposal's submission date. */
    public Verdict evaluate(String call, Proposal proposal) {
        return packs.evaluate(call, null, proposal);
    }

    /** Evaluates with the named version, or (version null) the one that governs the submission date. */
    public Verdict evaluate(String call, String version, Proposal proposal) {
        return packs.evaluate(call, version, proposal);
    }
}
