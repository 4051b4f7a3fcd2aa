package callcheck.reload;

import callcheck.engine.CompileError;
import callcheck.engine.PackException;
import callcheck.evaluation.LoadReport;
import callcheck.evaluation.PackEngine;
import callcheck.evaluation.PackSet;
import callcheck.pack.ArchivedPack;
import callcheck.pack.PackLoader;
import callcheck.pack.RulePack;
import callcheck.reference.ReferenceData;
import callcheck.store.Activation;
import callcheck.store.DecisionStore;
import callcheck.store.Pack;
import callcheck.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The packs the store's activations name ({@code serve --rules-from-store}): compiled from the archive, swapped in
 * whole when an activation takes over, as live reload swaps packs. An activation published for a later instant is
 * compiled as soon as it is known and handed to the engine to serve from that instant ({@link PackEngine#swapAt}), so
 * that every instance that knows it switches at that instant by its own clock. The store's activations are read again
 * when PostgreSQL announces one (LISTEN/NOTIFY), when a scheduled one takes over, and every {@link #POLL} besides (on
 * H2, only then). Everything runs on one background thread.
 */
public final class PublishedPacks implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PublishedPacks.class);
    /** How often the activations are read without being told: the backstop for a lost notification, and H2's way. */
    public static final Duration POLL = Duration.ofSeconds(5);

    private final DecisionStore store;
    private final PackLoader loader;
    /** Packs compiled from the archive, by digest, with the reference data archived with them. */
    private final Map<String, ArchivedPack> compiled = new ConcurrentHashMap<>();
    /** Digests whose archive does not compile, with why: not tried again. */
    private final Map<String, List<CompileError>> failed = new ConcurrentHashMap<>();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "published-packs");
        t.setDaemon(true);
        return t;
    });
    private PackEngine engine;
    private Consumer<Map<String, List<CompileError>>> onFailures = f -> { };
    private AutoCloseable listening;
    private ScheduledFuture<?> atNextChange;
    /** The digests serving, and those scheduled with the instant they serve from: what the last refresh handed over. */
    private Set<String> serving = Set.of();
    private Set<String> scheduled;
    /** The digests that served before: kept compiled, so that a rollback switches back without compiling. */
    private Set<String> previous = Set.of();
    private Instant scheduledAt;
    /** The reference data of the packs last handed over (kept when none of the next ones compiles). */
    private ReferenceData reference;

    private final Duration poll;

    private PublishedPacks(DecisionStore store, PackLoader loader, Duration poll) {
        this.store = store;
        this.loader = loader;
        this.poll = poll;
    }

    /**
     * The packs in force now, compiled from the archive; a digest whose archive does not compile is among the
     * failures (by {@code digest (call/version)}), the others serve. Throws {@link IllegalStateException} when the
     * store names no activation at all.
     */
    public static PublishedPacks load(DecisionStore store, PackLoader loader) {
        return load(store, loader, POLL);
    }

    /** As {@link #load(DecisionStore, PackLoader)}, reading the activations every {@code poll} besides when told. */
    public static PublishedPacks load(DecisionStore store, PackLoader loader, Duration poll) {
        PublishedPacks p = new PublishedPacks(store, loader, poll);
        List<Activation> all = store.activations(null);
        if (all.isEmpty()) {
            throw new IllegalStateException("the store has no published rules: publish them first (callcheck publish --store URL --rules DIR)");
        }
        p.serving = p.digestsAt(all, Instant.now());
        return p;
    }

    /** What loading gave: the packs in force now and the digests that did not compile. */
    public LoadReport report() {
        return new LoadReport(packSet(serving), failures());
    }

    /**
     * Follows the store from now on: swaps the engine's packs when the activations change, schedules those to come,
     * and tells {@code onFailures} which archived digests do not compile (for /health).
     */
    public synchronized void follow(PackEngine engine, Consumer<Map<String, List<CompileError>>> onFailures) {
        if (this.engine != null) throw new IllegalStateException("already following");
        this.engine = engine;
        this.onFailures = onFailures;
        listening = store.onActivations(() -> worker.execute(this::refresh));
        worker.scheduleWithFixedDelay(this::refresh, 0, poll.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reads the activations and hands the engine what serves now and what serves next, compiling what it needs. */
    private void refresh() {
        try {
            List<Activation> all = store.activations(null);
            Instant now = Instant.now();
            if (scheduledAt != null && !scheduledAt.isAfter(now)) {
                previous = serving;
                serving = scheduled; // the engine switched by itself at the instant
                scheduled = null;
                scheduledAt = null;
            }
            Set<String> current = digestsAt(all, now);
            if (!current.equals(serving)) {
                engine.swap(packSet(current));
                LOG.info("serving the published packs {}", current);
                previous = serving;
                serving = current;
                scheduled = null;
                scheduledAt = null;
            }
            Optional<Instant> next = Activation.nextChange(all, now);
            if (next.isPresent()) {
                Set<String> then = digestsAt(all, next.get());
                if (!then.equals(scheduled) || !next.get().equals(scheduledAt)) {
                    engine.swapAt(packSet(then), next.get());
                    LOG.info("the published packs {} serve from {}", then, next.get());
                    scheduled = then;
                    scheduledAt = next.get();
                    if (atNextChange != null) atNextChange.cancel(false);
                    // Once the engine has switched by itself, read again: to stage the change after it.
                    long delay = Math.max(0, next.get().toEpochMilli() - System.currentTimeMillis()) + 1;
                    atNextChange = worker.schedule(this::refresh, delay, TimeUnit.MILLISECONDS);
                }
            } else if (scheduledAt != null) {
                engine.swap(packSet(serving)); // the activation scheduled is gone (none is removed today; kept safe)
                scheduled = null;
                scheduledAt = null;
            }
            Set<String> kept = union(serving, scheduled);
            kept.addAll(previous);
            compiled.keySet().retainAll(kept);
            onFailures.accept(failures());
        } catch (StoreUnavailableException e) {
            LOG.warn("cannot read the published packs: {}; serving on what serves", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("following the published packs", e);
        }
    }

    /** The digests in force at the instant, over every call. */
    private Set<String> digestsAt(List<Activation> all, Instant at) {
        Map<String, List<Activation>> byCall = new LinkedHashMap<>();
        for (Activation a : all) byCall.computeIfAbsent(a.call(), k -> new ArrayList<>()).add(a);
        Set<String> out = new TreeSet<>();
        for (List<Activation> ofCall : byCall.values()) Activation.inForce(ofCall, at).ifPresent(a -> out.addAll(a.digests()));
        return out;
    }

    /**
     * The packs of the digests, compiled from the archive (once per digest). The reference data is that archived with
     * one of them: a rules folder has one, so packs published from one folder carry the same.
     */
    private PackSet packSet(Set<String> digests) {
        List<ArchivedPack> packs = new ArrayList<>();
        for (String d : digests) {
            ArchivedPack p = compiled(d);
            if (p != null) packs.add(p);
        }
        if (!packs.isEmpty()) reference = packs.get(packs.size() - 1).reference();
        if (reference == null) throw new IllegalStateException("none of the published packs compiles: " + failed);
        return new PackSet(packs.stream().map(ArchivedPack::pack).sorted(Comparator.comparing(RulePack::call)).toList(), reference);
    }

    private ArchivedPack compiled(String digest) {
        ArchivedPack p = compiled.get(digest);
        if (p != null || failed.containsKey(digest)) return p;
        Optional<Pack> archived = store.pack(digest);
        if (archived.isEmpty()) {
            failed.put(digest, List.of(new CompileError("archive", 0, 0, "the store has no pack " + digest)));
            return null;
        }
        try {
            p = ArchivedPack.compile(archived.get().files(), digest, loader);
            compiled.put(digest, p);
            return p;
        } catch (PackException e) {
            LOG.error("the published pack {} ({} {}) does not compile: {}", digest, archived.get().call(), archived.get().version(), e.getMessage());
            failed.put(digest, e.errors());
            return null;
        }
    }

    private Map<String, List<CompileError>> failures() {
        Map<String, List<CompileError>> out = new LinkedHashMap<>();
        for (String d : union(serving, scheduled)) if (failed.containsKey(d)) out.put(d, failed.get(d));
        return out;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new HashSet<>(a);
        if (b != null) u.addAll(b);
        return u;
    }

    @Override
    public synchronized void close() {
        if (listening != null) {
            try {
                listening.close(); // first: a notification then has no worker to hand its refresh to
            } catch (Exception e) {
                // nothing is left to stop
            }
        }
        worker.shutdownNow();
    }
}
