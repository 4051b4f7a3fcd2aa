package callcheck.engine;

/**
 * The engine was closed, before this evaluation or while it ran: nothing was evaluated. Load a new engine to evaluate
 * again. An {@link IllegalStateException}, as evaluating on a closed engine was before this type.
 */
public final class EngineClosedException extends IllegalStateException {
    /** A refusal because the engine is closed. */
    public EngineClosedException() {
        super("the engine is closed: load a new one (Engine.load or Engine.fromClasspath) to evaluate again");
    }
}
