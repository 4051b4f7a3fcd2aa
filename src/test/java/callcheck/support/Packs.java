package callcheck.support;

import callcheck.engine.Engine;

import java.nio.file.Path;

/** The project's rule packs, compiled once for the whole test run. */
public final class Packs {
    public static final Path RULES = Path.of("rules");
    public static final Path EXAMPLES = Path.of("examples");
    private static Engine engine;

    private Packs() {
    }

    public static synchronized Engine engine() {
        if (engine == null) engine = Engine.load(RULES);
        return engine;
    }
}
