package callcheck.support;

import callcheck.internal.engine.PackEngine;


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
}
