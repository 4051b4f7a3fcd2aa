package callcheck.pack;

import callcheck.engine.PackException;
import callcheck.reference.ReferenceData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A pack compiled from the files it was archived with ({@link RulePack#files}) instead of from the rules folder: they
 * are written under a temporary folder in their places and compiled there by {@link PackLoader}, so that an archived
 * pack compiles exactly as it did when it served, whatever became of {@code rules/} since.
 */
public record ArchivedPack(RulePack pack, ReferenceData reference) {

    /**
     * Compiles the archived files of one pack version. Throws {@link PackException} when they do not compile or do
     * not give the digest expected (files missing from the archive).
     */
    public static ArchivedPack compile(Map<String, byte[]> files, String expectedDigest) {
        return compile(files, expectedDigest, new PackLoader());
    }

    /**
     * As {@link #compile(Map, String)}, with the loader's options and compiled-pack cache, as the packs of a rules
     * folder it loads: a pack that serves from the store ({@code serve --rules-from-store}) compiles as it would from disk.
     * Either way without requiring the Dutch texts that were not required when the files were archived
     * ({@link PackLoader#forArchives}).
     */
    public static ArchivedPack compile(Map<String, byte[]> files, String expectedDigest, PackLoader loader) {
        String manifest = files.keySet().stream().filter(p -> p.matches("[^/]+/[^/]+/" + PackLoader.MANIFEST)).findFirst()
                .orElseThrow(() -> new PackException("archive", "the archive holds no <call>/<version>/" + PackLoader.MANIFEST));
        return inFolder(files, root -> {
            RulePack pack = loader.forArchives().load(root, root.resolve(manifest).getParent());
            if (!pack.digest().equals(expectedDigest)) {
                throw new PackException("archive", "the archived files give " + pack.digest() + ", not " + expectedDigest);
            }
            return new ArchivedPack(pack, PackLoader.reference(root));
        });
    }

    /** Writes the files in their places under a temporary rules folder, gives that folder to {@code use}, then deletes it. */
    static <T> T inFolder(Map<String, byte[]> files, java.util.function.Function<Path, T> use) {
        Path root;
        try {
            root = Files.createTempDirectory("callcheck-pack");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temporary folder to compile a pack in", e);
        }
        try {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Path target = root.resolve(f.getKey()).normalize();
                if (!target.startsWith(root)) throw new PackException("archive", "a path leaves the archive: " + f.getKey());
                Files.createDirectories(target.getParent());
                Files.write(target, f.getValue());
            }
            return use.apply(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a pack's files to " + root, e);
        } finally {
            delete(root);
        }
    }

    private static void delete(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            List<Path> all = new ArrayList<>(s.toList());
            all.sort(Comparator.reverseOrder());
            for (Path p : all) Files.deleteIfExists(p);
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
