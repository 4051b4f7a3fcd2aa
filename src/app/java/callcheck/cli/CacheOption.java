package callcheck.cli;

import callcheck.pack.CompiledPackCache;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --cache DIR}: where compiled packs are kept between runs ({@link CompiledPackCache}); {@code off} for none. */
final class CacheOption {
    static final String OFF = "off";

    @Option(names = "--cache", paramLabel = "DIR", defaultValue = "${env:CALLCHECK_CACHE:-data/packs-cache}",
            description = "compiled packs kept between runs, by digest; '" + OFF + "' for none (default: ${DEFAULT-VALUE}, env CALLCHECK_CACHE)")
    String cache;

    /**
     * Lets the cache store what this run compiled, so that the next command loads it instead of compiling it, then
     * closes it; nothing when there is none.
     */
    static void finish(CompiledPackCache cache) {
        if (cache == null) return;
        try {
            cache.awaitStored(10, java.util.concurrent.TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the next run compiles what was not stored
        } finally {
            cache.close();
        }
    }

    /** The cache, or null when turned off. */
    CompiledPackCache open() {
        return cache == null || cache.isBlank() || cache.equals(OFF) ? null : new CompiledPackCache(Path.of(cache));
    }
}
