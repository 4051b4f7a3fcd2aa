package callcheck.pack;

import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.KieModule;
import org.kie.api.builder.Message;
import org.kie.internal.builder.IncrementalResults;
import org.kie.internal.builder.InternalKieBuilder;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Drools build of each pack's rules kept after it compiled, so that the next compile of the same pack (after an
 * edit, in {@code test --watch}) compiles only the files that changed: Drools' incremental build
 * ({@link InternalKieBuilder#createFileSet}) drops what the old file made and compiles the new one in the package it
 * shares with the others (imports, functions). About a third of a full build of 507's checks (BENCHMARKS.md, the
 * analyst's loop). A KieBase made from the module afterwards is new, as after a full build; those made before keep
 * their rules (Drools clones the packages a KieBase already uses).
 * <p>
 * Only a build without errors is kept, and one that gets errors is dropped: the loader then compiles the pack in full,
 * so that the errors it reports are those of a fresh compile, and keeps that build once it compiles again.
 */
final class IncrementalBuilds {
    /** A build that compiled, with the sources (KIE path to bytes) it holds now. */
    private static final class Kept {
        final KieFileSystem files;
        final KieBuilder builder;
        Map<String, byte[]> sources;

        Kept(KieFileSystem files, KieBuilder builder, Map<String, byte[]> sources) {
            this.files = files;
            this.builder = builder;
            this.sources = sources;
        }
    }

    /** By pack slot: the version folder, relative to the rules folder, and which of its two KieBases. */
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger rebuilt = new java.util.concurrent.atomic.AtomicInteger();

    /** How many compiles were incremental so far. */
    int rebuilt() {
        return rebuilt.get();
    }

    /**
     * The slot's kept build brought up to these sources by compiling only the files that differ, or null when there is
     * no kept build, files were added or removed (a full build then), nothing differs, or the changed files have errors.
     */
    KieModule rebuild(String slot, Map<String, byte[]> sources) {
        Kept k = kept.get(slot);
        if (k == null) return null;
        synchronized (k) {
            if (!k.sources.keySet().equals(sources.keySet())) return null;
            List<String> changed = sources.keySet().stream().filter(p -> !Arrays.equals(sources.get(p), k.sources.get(p))).toList();
            if (changed.isEmpty()) return null;
            for (String p : changed) k.files.write(p, sources.get(p));
            IncrementalResults results = ((InternalKieBuilder) k.builder).createFileSet(changed.toArray(String[]::new)).build();
            if (results.getAddedMessages().stream().anyMatch(m -> m.getLevel() == Message.Level.ERROR)) {
                kept.remove(slot, k);
                return null;
            }
            k.sources = Map.copyOf(sources);
            rebuilt.incrementAndGet();
            return k.builder.getKieModule();
        }
    }

    /** Keeps a full build that compiled without errors, in place of the slot's last one. */
    void keep(String slot, KieFileSystem files, KieBuilder builder, Map<String, byte[]> sources) {
        kept.put(slot, new Kept(files, builder, Map.copyOf(sources)));
    }

    /** The builds of packs that came ready-made (from the cache), to make once {@link #prepare} is called. */
    private final List<Runnable> toPrepare = new java.util.ArrayList<>(); // guarded by itself
    private volatile java.util.concurrent.ExecutorService preparing;

    /**
     * Builds these sources on a background thread and keeps the build, unless the slot has one by then: for a pack that
     * came from the cache, so that its first edit compiles incrementally too. Waits for {@link #prepare}.
     */
    void keepLater(String slot, KieFileSystem files, Map<String, byte[]> sources, java.util.function.Supplier<KieBuilder> build) {
        if (kept.containsKey(slot)) return;
        Runnable task = () -> {
            if (kept.containsKey(slot)) return;
            try {
                KieBuilder builder = build.get();
                kept.putIfAbsent(slot, new Kept(files, builder, Map.copyOf(sources)));
            } catch (RuntimeException e) {
                // it does not compile: the next load compiles it in full and says why
            }
        };
        synchronized (toPrepare) {
            if (preparing == null) toPrepare.add(task);
            else preparing.execute(task);
        }
    }

    /** Starts the builds {@link #keepLater} queued, one at a time on a daemon thread, and those queued from now on. */
    void prepare() {
        synchronized (toPrepare) {
            if (preparing == null) {
                preparing = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "pack-incremental");
                    t.setDaemon(true);
                    t.setPriority(Thread.MIN_PRIORITY);
                    return t;
                });
            }
            toPrepare.forEach(preparing::execute);
            toPrepare.clear();
        }
    }
}
