package callcheck.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Makes a new version of a pack in a rules folder, as an analyst would: copy the folder, rename the version. The new
 * version gets a name no analyst would choose ({@code test-copy-1}, ...), so that a test's version never collides
 * with one an analyst adds to {@code rules/}.
 */
public final class PackVersions {
    private PackVersions() {
    }

    /** A version name of the call that no folder has yet. */
    public static String freshName(Path rules, String call) {
        for (int n = 1; ; n++) {
            String name = "test-copy-" + n;
            if (!Files.exists(rules.resolve(call).resolve(name))) return name;
        }
    }

    /** Copies a version to a {@link #freshName fresh} one; returns the new version's name. */
    public static String copyToFresh(Path rules, String call, String from, String submissionsFrom) {
        String to = freshName(rules, call);
        copy(rules, call, from, to, submissionsFrom);
        return to;
    }

    /**
     * Copies {@code rules/<call>/<from>} to {@code rules/<call>/<to>}, with the manifest's version set to {@code to}
     * and its submissions starting on {@code submissionsFrom} (the old version's start date is replaced).
     */
    public static Path copy(Path rules, String call, String from, String to, String submissionsFrom) {
        Path source = rules.resolve(call).resolve(from);
        Path target = rules.resolve(call).resolve(to);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path f : files.toList()) {
                Path t = target.resolve(source.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(t);
                else Files.copy(f, t);
            }
            Path manifest = target.resolve("pack.yaml");
            String text = Files.readString(manifest);
            String version = "version: \"" + from + "\"";
            assertThat(text).contains(version).contains("  from: " + from);
            Files.writeString(manifest, text.replace(version, "version: \"" + to + "\"").replace("  from: " + from, "  from: " + submissionsFrom));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }
}
