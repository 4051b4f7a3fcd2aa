package callcheck.reload;

import callcheck.evaluation.EvaluationLimits;
import callcheck.evaluation.Evaluator;
import callcheck.evaluation.PackEngine;
import callcheck.evaluation.PackSet;
import callcheck.examples.Example;
import callcheck.examples.ExampleResult;
import callcheck.engine.CompileError;
import callcheck.engine.PackException;
import callcheck.pack.PackLoader;
import callcheck.pack.RulePack;
import callcheck.reference.ReferenceData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Compiles changed pack folders and swaps them into the engine, only when safe: a folder serves its new files when
 * they compile and every example of its call still gives what it expects (verdict and finding ids, as
 * {@code callcheck test} checks). Otherwise the last good version keeps serving and the status says why, with file
 * and line. Calls are decided one by one (a call's examples only meet its own packs); new reference data goes in
 * with every pack recompiled, all or nothing, since every call reads it. Each accepted batch replaces the engine's
 * whole snapshot at once, so an evaluation sees either the old packs or the new ones. One reload runs at a time;
 * the reloader should be the only one swapping the engine's packs.
 */
public final class Reloader {
    private static final Logger LOG = LoggerFactory.getLogger(Reloader.class);

    private final PackEngine engine;
    private final Path rules;
    private final Path examples;
    private final PackLoader loader;
    /**
     * The gate's own evaluations, one at a time under the serving engine's budget: apart from the requests' slots, so
     * that a busy service does not refuse a good pack, and a rule that spins in the gate takes no request's thread.
     */
    private final Evaluator gate;
    private final Map<String, PackStatus> packs = new TreeMap<>();
    private List<CompileError> referenceErrors = List.of();
    private volatile ReloadStatus status;

    /**
     * @param engine   the engine whose packs to keep current; its packs now are taken as loaded from the folder
     * @param rules    the rules folder the packs come from
     * @param examples the examples folder (one folder per call); a call without examples reloads ungated
     */
    public Reloader(PackEngine engine, Path rules, Path examples) {
        this.loader = engine.loader();
        this.engine = engine;
        this.rules = rules;
        this.examples = examples;
        EvaluationLimits serving = engine.evaluator().limits();
        this.gate = new Evaluator(new EvaluationLimits(serving.budget(), 1, serving.slotWait(), serving.maxStuck(), serving.roundBudget()));
        Instant now = Instant.now();
        for (RulePack p : engine.packs().all()) {
            packs.put(folderOf(p), new PackStatus(p.call(), folderName(p), PackStatus.State.SERVING, p.digest(), now, 0, List.of()));
        }
        status = ReloadStatus.of(now, List.copyOf(packs.values()), referenceErrors);
    }

    public ReloadStatus status() {
        return status;
    }

    /** The calls that have a version folder on disk which does not serve its latest files (or at all). */
    public synchronized Set<String> callsNotServingLatest() {
        Set<String> out = new TreeSet<>();
        for (Path folder : PackLoader.versionFolders(rules)) {
            String key = folder.getParent().getFileName() + "/" + folder.getFileName();
            PackStatus s = packs.get(key);
            if (s == null || s.state() != PackStatus.State.SERVING) out.add(folder.getParent().getFileName().toString());
        }
        return out;
    }

    /** Reloads what the change touches and returns the status after it. */
    public synchronized ReloadStatus reload(Change change) {
        if (change.isEmpty()) return status;
        Instant now = Instant.now();
        PackSet current = engine.packs();
        ReferenceData reference = current.reference();
        boolean newReference = false;
        if (change.everything()) {
            try {
                reference = PackLoader.reference(rules);
                newReference = true;
            } catch (RuntimeException e) {
                // The message names the file by the rules folder as given; /health shows it relative to that folder.
                String shown = String.valueOf(e.getMessage()).replace(rules.toAbsolutePath().normalize() + java.io.File.separator, "")
                        .replace(rules + java.io.File.separator, "");
                referenceErrors = List.of(new CompileError(PackLoader.REFERENCE_DIR, 0, 0, shown));
                LOG.warn("reference data not reloaded, the last good data still serves: {}", e.getMessage());
            }
        }
        Set<String> calls = new TreeSet<>(change.calls());
        for (String pack : change.packs()) calls.add(pack.substring(0, pack.indexOf('/')));
        if (newReference) {
            // Every pack's digest covers the reference data: all are compiled again.
            calls.addAll(current.calls());
            for (Path folder : PackLoader.versionFolders(rules)) calls.add(folder.getParent().getFileName().toString());
        }
        boolean recompileAll = newReference;
        List<Attempt> attempts = new ArrayList<>();
        for (String call : calls) {
            attempts.add(attempt(call, current, reference, key -> recompileAll || change.packs().contains(key), newReference));
        }
        if (newReference) {
            // Every call reads the reference data: it serves for all or for none.
            boolean refused = attempts.stream().anyMatch(a -> !a.gateErrors.isEmpty());
            referenceErrors = refused ? List.of(new CompileError(PackLoader.REFERENCE_DIR, 0, 0,
                    "not served: with the reference data (or shared rules) now in the folder, some examples give other verdicts; see the packs"))
                    : List.of();
            if (refused) LOG.warn("reference data not reloaded: some examples give other verdicts with it");
        }
        // While the folder's reference data does not serve, no pack does from it either: its digest would claim data
        // that is not what the rules read.
        String heldBack = referenceErrors.isEmpty() ? null
                : "not served: the reference data in the rules folder does not serve (see the reference errors)";

        Map<String, List<RulePack>> next = new TreeMap<>();
        for (RulePack p : current.all()) next.computeIfAbsent(p.call(), k -> new ArrayList<>()).add(p);
        boolean swapped = false;
        for (Attempt a : attempts) {
            boolean accepted = a.changed() && a.gateErrors.isEmpty() && heldBack == null;
            if (accepted) {
                if (a.candidate.isEmpty()) next.remove(a.call);
                else next.put(a.call, a.candidate);
                swapped = true;
            }
            record(a, accepted, heldBack, now);
        }
        if (swapped) engine.swap(new PackSet(next.values().stream().flatMap(List::stream).toList(), reference));
        // A folder that failed and is gone since says nothing any more.
        packs.keySet().removeIf(key -> calls.contains(key.substring(0, key.indexOf('/')))
                && !Files.isRegularFile(rules.resolve(key).resolve(PackLoader.MANIFEST))
                && packs.get(key).servingDigest() == null);
        status = ReloadStatus.of(Instant.now(), List.copyOf(packs.values()), referenceErrors);
        return status;
    }

    /** One call's new packs, as compiled from its folders, and what its examples say of them. */
    private static final class Attempt {
        final String call;
        final List<RulePack> candidate = new ArrayList<>();
        final Map<String, RulePack> serving = new LinkedHashMap<>();
        final Map<String, RulePack> compiled = new LinkedHashMap<>();
        final Map<String, List<CompileError>> failed = new LinkedHashMap<>();
        final Set<String> removed = new TreeSet<>();
        final List<CompileError> gateErrors = new ArrayList<>();
        boolean referenceChanged;
        long millis;

        Attempt(String call) {
            this.call = call;
        }

        boolean changed() {
            return !compiled.isEmpty() || !removed.isEmpty() || referenceChanged;
        }
    }

    private Attempt attempt(String call, PackSet current, ReferenceData reference, Predicate<String> mustCompile,
                            boolean newReference) {
        long started = System.nanoTime();
        Attempt a = new Attempt(call);
        a.referenceChanged = newReference;
        if (current.calls().contains(call)) for (RulePack p : current.versions(call)) a.serving.put(folderOf(p), p);
        Set<String> onDisk = new TreeSet<>();
        for (Path folder : versionFolders(call)) {
            String key = call + "/" + folder.getFileName();
            onDisk.add(key);
            RulePack old = a.serving.get(key);
            PackStatus s = packs.get(key);
            // A version that extends a changed one resolves to other files: it compiles again with its base.
            boolean baseChanged = PackLoader.extendsChain(folder).stream().anyMatch(base -> mustCompile.test(call + "/" + base));
            if (old != null && !mustCompile.test(key) && !baseChanged && s != null && s.state() == PackStatus.State.SERVING) {
                a.candidate.add(old);
                continue;
            }
            try {
                // Files saved unchanged, or a change elsewhere (a module other packs include): the serving pack has
                // the digest the folder would compile to, so it serves on without a compile.
                RulePack p = old != null && old.digest().equals(PackLoader.digest(rules, folder)) ? old : loader.load(rules, folder);
                a.candidate.add(p);
                a.compiled.put(key, p);
            } catch (PackException e) {
                a.failed.put(key, e.errors());
                if (old != null) a.candidate.add(old);
            } catch (RuntimeException e) {
                // A file removed or half written while we read it: the next event compiles it again.
                a.failed.put(key, List.of(new CompileError(key, 0, 0, "cannot read: " + callcheck.pack.ReadFailure.reason(e))));
                if (old != null) a.candidate.add(old);
            }
        }
        for (String key : a.serving.keySet()) if (!onDisk.contains(key)) a.removed.add(key);
        if (a.changed()) gate(a, reference);
        a.millis = (System.nanoTime() - started) / 1_000_000;
        return a;
    }

    /** Runs the call's examples against its candidate packs; every one that does not give what it expects is an error. */
    private void gate(Attempt a, ReferenceData reference) {
        Path folder = examples == null ? null : examples.resolve(a.call);
        if (folder == null || !Files.isDirectory(folder)) return;
        List<Example> list;
        try {
            list = Example.of(folder);
        } catch (RuntimeException e) {
            a.gateErrors.add(new CompileError("examples/" + a.call, 0, 0, "examples cannot be read: " + callcheck.pack.ReadFailure.reason(e)));
            return;
        }
        PackEngine trial = new PackEngine(new PackSet(a.candidate, reference), gate);
        for (Example example : list) {
            ExampleResult r = ExampleResult.run(trial, example);
            if (!r.passed()) a.gateErrors.add(new CompileError(example.file().toString().replace('\\', '/'), 0, 0, r.difference()));
        }
    }

    private void record(Attempt a, boolean accepted, String heldBack, Instant when) {
        for (String key : a.failed.keySet()) {
            RulePack old = a.serving.get(key);
            String serving = old == null ? null : old.digest();
            put(key, PackStatus.State.FAILED, serving, when, a.millis, a.failed.get(key));
            for (CompileError e : a.failed.get(key)) LOG.warn("{} does not compile, {}: {}", key, serving == null ? "not served" : "still serving " + serving, e);
        }
        for (Map.Entry<String, RulePack> c : a.compiled.entrySet()) {
            String key = c.getKey();
            if (accepted) {
                put(key, PackStatus.State.SERVING, c.getValue().digest(), when, a.millis, List.of());
                LOG.info("{} reloaded: serving {} ({} ms, compile and examples)", key, c.getValue().digest(), a.millis);
            } else {
                RulePack old = a.serving.get(key);
                List<CompileError> why = !a.gateErrors.isEmpty() ? a.gateErrors : List.of(new CompileError(PackLoader.REFERENCE_DIR, 0, 0, heldBack));
                put(key, PackStatus.State.REFUSED, old == null ? null : old.digest(), when, a.millis, why);
                for (CompileError e : why) LOG.warn("{} compiles but is refused, {}: {}", key, old == null ? "not served" : "still serving " + old.digest(), e);
            }
        }
        for (String key : a.removed) {
            if (accepted) {
                packs.remove(key);
                LOG.info("{} removed: its folder is gone", key);
            } else {
                RulePack old = a.serving.get(key);
                List<CompileError> why = !a.gateErrors.isEmpty() ? a.gateErrors : List.of(new CompileError(PackLoader.REFERENCE_DIR, 0, 0, heldBack));
                put(key, PackStatus.State.REFUSED, old.digest(), when, a.millis, why);
                for (CompileError e : why) LOG.warn("{} is gone from disk but still serving {}: {}", key, old.digest(), e);
            }
        }
    }

    private void put(String key, PackStatus.State state, String servingDigest, Instant when, long millis, List<CompileError> errors) {
        String call = key.substring(0, key.indexOf('/'));
        packs.put(key, new PackStatus(call, key.substring(call.length() + 1), state, servingDigest, when, millis, errors));
    }

    private List<Path> versionFolders(String call) {
        return PackLoader.versionFolders(rules).stream().filter(f -> f.getParent().getFileName().toString().equals(call)).toList();
    }

    private static String folderOf(RulePack p) {
        return p.call() + "/" + folderName(p);
    }

    private static String folderName(RulePack p) {
        return p.folder().getFileName().toString();
    }
}
