package callcheck.reload;

import callcheck.evaluation.PackEngine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Live reload: watches the rules folder (every call and version folder, the reference data, any other folder in
 * it) and the examples folder, waits until the files settle (an editor writes several times), then has the
 * {@link Reloader} compile what changed and swap it in if it is safe. Reloads run on one background thread, never
 * on a request's; a request in flight finishes on the snapshot it started with.
 *
 * <pre>{@code
 * RulesWatcher watcher = RulesWatcher.start(engine, Path.of("rules"), Path.of("examples"), RulesWatcher.SETTLE, status -> {});
 * watcher.status();   // for /health
 * watcher.close();    // on shutdown
 * }</pre>
 */
public final class RulesWatcher implements AutoCloseable {
    /** How long the files must be quiet before a reload: editors save in several writes within a few ms. */
    public static final Duration SETTLE = Duration.ofMillis(300);
    private static final Logger LOG = LoggerFactory.getLogger(RulesWatcher.class);

    private final Reloader reloader; // null when the changes go to another action
    private final Consumer<Change> action;
    private final Path rules;
    private final Path examples;
    private final Duration settle;
    private final WatchService watcher;
    /** The folders watched, by their key: a replaced rules folder's keys are cancelled, and its new tree watched. */
    private final Map<WatchKey, Path> keys = new ConcurrentHashMap<>();
    /** The key of the rules folder's parent, which sees the rules folder itself replaced (moved away, moved in). */
    private WatchKey parentKey;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "callcheck-reload"));
    private final Thread watching;
    private final Object lock = new Object();
    private Set<Path> pending = new HashSet<>(); // guarded by lock
    private boolean overflow; // guarded by lock
    private ScheduledFuture<?> flush; // guarded by lock

    private RulesWatcher(Reloader reloader, Consumer<Change> action, Path rules, Path examples, Duration settle) throws IOException {
        this.reloader = reloader;
        this.action = action;
        this.rules = rules.toAbsolutePath().normalize();
        this.examples = examples == null ? null : examples.toAbsolutePath().normalize();
        this.settle = settle;
        this.watcher = FileSystems.getDefault().newWatchService();
        // Watched by its path, not its inode: deploy tools replace the folder (mv rules.new rules).
        Path parent = this.rules.getParent();
        if (parent != null) parentKey = parent.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE);
        registerTree(this.rules);
        if (this.examples != null && Files.isDirectory(this.examples)) registerTree(this.examples);
        this.watching = daemon(this::watch, "callcheck-rules-watcher");
    }

    /**
     * Starts watching. {@code engine} serves the packs loaded from {@code rules}; a version folder that did not load
     * is compiled again at once, so that its errors show in the status.
     *
     * @param examples the examples folder that gates each reload (null: reloads are not gated)
     * @param listener told the status after every reload (to log it or feed /health); may be null
     */
    public static RulesWatcher start(PackEngine engine, Path rules, Path examples, Duration settle, Consumer<ReloadStatus> listener)
            throws IOException {
        Reloader reloader = new Reloader(engine, rules, examples);
        RulesWatcher w = new RulesWatcher(reloader, change -> {
            ReloadStatus s = reloader.reload(change);
            if (listener != null) listener.accept(s);
        }, rules, examples, settle);
        w.watching.start();
        w.worker.execute(() -> w.run(Change.calls(w.reloader.callsNotServingLatest())));
        return w;
    }

    /**
     * Watches the folders as for live reload, but hands each settled change to {@code action} on the watcher's one
     * background thread, instead of reloading an engine ({@code test --watch} runs the changed call's examples).
     *
     * @param examples the examples folder, watched too (null: not)
     */
    public static RulesWatcher watch(Path rules, Path examples, Duration settle, Consumer<Change> action) throws IOException {
        RulesWatcher w = new RulesWatcher(null, action, rules, examples, settle);
        w.watching.start();
        return w;
    }

    /** What the reloads have done so far. */
    public ReloadStatus status() {
        if (reloader == null) throw new IllegalStateException("this watcher does not reload");
        return reloader.status();
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException e) {
            LOG.warn("closing the rules watcher: {}", e.getMessage());
        }
        worker.shutdown();
        try {
            // Let a reload that runs finish: it either swaps a whole snapshot or none.
            if (!worker.awaitTermination(30, TimeUnit.SECONDS)) worker.shutdownNow();
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void watch() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                Path dir = (Path) key.watchable();
                if (key == parentKey) {
                    boolean replaced = rulesFolderReplaced(key);
                    key.reset();
                    if (replaced) changed(List.of(), true);
                    continue;
                }
                List<Path> changed = new ArrayList<>();
                boolean lost = false;
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                        lost = true;
                        continue;
                    }
                    Path p = dir.resolve((Path) event.context());
                    if (ignored(p)) continue;
                    // A new folder (a version, or one an editor renames into place): watch it and what it holds.
                    if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(p)) registerTree(p);
                    changed.add(p);
                }
                key.reset();
                changed(changed, lost);
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // closed: stop watching
        } catch (RuntimeException e) {
            LOG.error("the rules watcher stopped; edits are no longer picked up", e);
        }
    }

    /**
     * Whether the events of the parent concern the rules folder; if so, stops watching the folder that was moved away
     * and watches the one now at the path. Everything is reloaded then, as after lost events.
     */
    private boolean rulesFolderReplaced(WatchKey parent) {
        boolean replaced = false;
        for (WatchEvent<?> event : parent.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW || rules.getFileName().equals(event.context())) replaced = true;
        }
        if (!replaced) return false;
        LOG.info("the rules folder {} was replaced: watching the new one and reloading everything", rules);
        keys.entrySet().removeIf(e -> {
            if (!e.getValue().startsWith(rules)) return false;
            e.getKey().cancel();
            return true;
        });
        if (Files.isDirectory(rules)) registerTree(rules);
        return true;
    }

    /** Notes the paths and (re)starts the settle period. */
    private void changed(List<Path> paths, boolean lost) {
        if (paths.isEmpty() && !lost) return;
        synchronized (lock) {
            pending.addAll(paths);
            overflow |= lost;
            if (flush != null) flush.cancel(false);
            if (!worker.isShutdown()) flush = worker.schedule(this::flush, settle.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void flush() {
        Set<Path> paths;
        boolean lost;
        synchronized (lock) {
            paths = pending;
            lost = overflow;
            pending = new HashSet<>();
            overflow = false;
        }
        // Events were lost: the only safe reading is that anything may have changed.
        run(lost ? Change.everythingChanged() : Change.of(rules, examples, paths, new HashSet<>(servedCalls())));
    }

    private void run(Change change) {
        if (change.isEmpty()) return;
        try {
            action.accept(change);
        } catch (RuntimeException e) {
            LOG.error(reloader == null ? "handling a change failed" : "reload failed; the last good packs still serve", e);
        }
    }

    private List<String> servedCalls() {
        if (reloader == null) return List.of();
        return reloader.status().packs().stream().filter(p -> p.servingDigest() != null).map(PackStatus::call).distinct().toList();
    }

    private void registerTree(Path root) {
        try (Stream<Path> dirs = Files.walk(root)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                keys.put(d.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                        StandardWatchEventKinds.ENTRY_MODIFY), d);
            }
        } catch (ClosedWatchServiceException e) {
            // closing
        } catch (IOException e) {
            // A folder that vanished while we walked it: its deletion is an event of its parent.
            if (Files.isDirectory(root)) throw new UncheckedIOException("cannot watch " + root, e);
        }
    }

    /** Editors' swap, backup and probe files: not part of any pack. */
    private static boolean ignored(Path p) {
        String name = p.getFileName().toString();
        return name.startsWith(".") || name.endsWith("~") || name.endsWith(".swp") || name.endsWith(".swx") || name.equals("4913");
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
