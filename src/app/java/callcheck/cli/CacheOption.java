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

    /** The cache, or null when turned off. */
    CompiledPackCache open() {
        return cache == null || cache.isBlank() || cache.equals(OFF) ? null : new CompiledPackCache(Path.of(cache));
    }
}
