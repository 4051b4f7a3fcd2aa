package callcheck.engine;

/**
 * The engine was closed, before this evaluation or while it ran: nothing was evaluated. Load a new engine to evaluate
 * again.
 */
public final class EngineClosedException extends CallcheckException {
    /** A refusal because the engine is closed. */
    public EngineClosedException() {
        super(ErrorCode.ENGINE_CLOSED, "the engine is closed: load a new one (Engine.load or Engine.fromClasspath) to evaluate again");
    }
}
