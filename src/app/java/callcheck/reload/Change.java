package callcheck.reload;

import callcheck.pack.PackLoader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a batch of changed files asks to reload: some pack folders ({@code 507/2020-07-14}), some calls (whose
 * examples or version folders changed), or everything (the reference data, or a folder several packs may share).
 */
public record Change(boolean everything, Set<String> calls, Set<String> packs) {

    public Change {
        calls = Set.copyOf(calls);
        packs = Set.copyOf(packs);
    }

    public static Change everythingChanged() {
        return new Change(true, Set.of(), Set.of());
    }

    /** The given calls, to compile again whichever of their folders do not serve their latest files. */
    public static Change calls(Collection<String> calls) {
        return new Change(false, Set.copyOf(calls), Set.of());
    }

    public boolean isEmpty() {
        return !everything && calls.isEmpty() && packs.isEmpty();
    }

    /**
     * The change the paths make. A path under {@code rules/<call>/<version>/} changes that pack; under
     * {@code rules/<call>/} the call (a version folder added or removed); under {@code examples/<call>/} the call's
     * examples. A path in {@code rules/reference/}, or in any other folder of the rules folder (such as a module packs
     * include), changes everything. {@code servedCalls} are calls that serve though their folder may be gone.
     */
    public static Change of(Path rules, Path examples, Collection<Path> paths, Set<String> servedCalls) {
        Path r = rules.toAbsolutePath().normalize();
        Path x = examples == null ? null : examples.toAbsolutePath().normalize();
        boolean everything = false;
        Set<String> calls = new TreeSet<>();
        Set<String> packs = new TreeSet<>();
        for (Path given : paths) {
            Path p = given.toAbsolutePath().normalize();
            if (p.startsWith(r)) {
                Path rel = r.relativize(p);
                String first = rel.getName(0).toString();
                if (first.isEmpty() || first.equals(PackLoader.REFERENCE_DIR) || !(servedCalls.contains(first) || isCallFolder(r.resolve(first)))) {
                    everything = true;
                } else {
                    calls.add(first);
                    if (rel.getNameCount() >= 2) packs.add(first + "/" + rel.getName(1));
                }
            } else if (x != null && p.startsWith(x) && !p.equals(x)) {
                calls.add(x.relativize(p).getName(0).toString());
            }
        }
        return new Change(everything, calls, packs);
    }

    /** True when the folder holds a version folder with a manifest. */
    static boolean isCallFolder(Path folder) {
        if (!Files.isDirectory(folder)) return false;
        try (var versions = Files.list(folder)) {
            return versions.anyMatch(v -> Files.isRegularFile(v.resolve(PackLoader.MANIFEST)));
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
