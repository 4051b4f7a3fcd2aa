package callcheck.pack;

import callcheck.engine.CompileError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A pack reads only files inside its rules folder: a symbolic link that leads out of it (or nowhere) is refused before
 * anything is read, so that no file of the host reaches a compiler message, a log line or {@code /health}.
 */
final class Confinement {
    private Confinement() {
    }

    /**
     * The links under a version folder, the reference data and the folders packs include (every top-level folder that
     * is not a call's) that lead out of the rules folder, each as an error at its path.
     */
    static List<CompileError> linksOut(Path root, Path versionFolder) {
        List<CompileError> out = new ArrayList<>();
        Path realRoot;
        try {
            realRoot = root.toRealPath();
        } catch (IOException e) {
            return out; // the rules folder itself is gone: reading it fails on its own
        }
        List<Path> dirs = new ArrayList<>();
        dirs.add(versionFolder);
        try (Stream<Path> top = Files.list(root)) {
            top.filter(d -> !isCallFolder(d)).forEach(dirs::add);
        } catch (IOException e) {
            // listed again, with its error, when the pack is read
        }
        for (Path dir : dirs) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.filter(Files::isSymbolicLink).toList()) {
                    if (!leadsInside(p, realRoot)) {
                        out.add(new CompileError(PackLoader.rel(root, p), 1, 0,
                                "a symbolic link that leads out of the rules folder (or to nothing) is not read; copy the file in instead"));
                    }
                }
            } catch (IOException e) {
                // a file removed meanwhile: the next reload sees the folder as it is
            }
        }
        return out;
    }

    private static boolean isCallFolder(Path dir) {
        if (Files.isSymbolicLink(dir) || !Files.isDirectory(dir)) return false;
        try (Stream<Path> versions = Files.list(dir)) {
            return versions.anyMatch(v -> Files.isRegularFile(v.resolve(PackLoader.MANIFEST)));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean leadsInside(Path link, Path realRoot) {
        try {
            return link.toRealPath().startsWith(realRoot);
        } catch (IOException e) {
            return false;
        }
    }
}
