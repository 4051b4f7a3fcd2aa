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
     * Closes the cache at the end of a command. What this run compiled is stored already (as serialized packages, when
     * it was compiled); the executable model queued for it is not compiled here: waiting for it doubled the time of a
     * {@code validate} after an edit (BENCHMARKS.md, the analyst's loop), and {@code serve} compiles it while serving.
     */
    static void finish(CompiledPackCache cache) {
        if (cache != null) cache.close();
    }

    /** The cache, or null when turned off. */
    CompiledPackCache open() {
        return cache == null || cache.isBlank() || cache.equals(OFF) ? null : new CompiledPackCache(Path.of(cache));
    }
}
