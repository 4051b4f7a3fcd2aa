package callcheck.engine;

import callcheck.evaluation.EvaluationLimits;
import callcheck.evaluation.Evaluator;
import callcheck.evaluation.LoadReport;
import callcheck.evaluation.PackEngine;
import callcheck.evaluation.PackSet;
import callcheck.pack.CompiledPackCache;
import callcheck.pack.DroolsWiring;
import callcheck.pack.PackLoader;
import callcheck.pack.PackOptions;
import callcheck.pack.RuleInfo;
import callcheck.pack.RulePack;
import callcheck.model.Proposal;
import callcheck.reference.ReferenceData;
import callcheck.round.Decisions;
import callcheck.round.RoundReader;
import callcheck.round.RoundRequest;
import callcheck.round.Rounds;
import callcheck.rules.Parameter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Evaluates proposals against the rule packs of a rules folder; a library with no server, store or logging backend.
 * Load once (compiling takes about a second per pack), then evaluate from any number of threads: every evaluation
 * runs its own Drools session over the pack's shared, immutable rule base.
 *
 * <pre>{@code
 * try (Engine engine = Engine.fromClasspath("rules")) {
 *     Verdict verdict = engine.evaluate("507", ProposalReader.read(json));
 * }
 * }</pre>
 *
 * <p>The first evaluation of each pack also compiles the constraints it meets (some 200 ms); evaluate a typical
 * proposal per call after loading when the first real one must be fast.
 *
 * <p>{@link #close()} returns within {@link #CLOSE_WAIT} whatever the rules do: evaluations still running are given up
 * (their callers get {@link EngineClosedException}), and a rule that never returns is left running on its thread,
 * logged and listed by {@link #stuckEvaluations()}.
 */
public final class Engine implements AutoCloseable {
    /**
     * The most {@link #close()} waits: for the evaluations it halts to return, then for Drools to end the sessions kept
     * for reuse. Halted evaluations return within milliseconds unless a rule never returns, which no wait would help.
     */
    public static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Engine.class);

    private final PackEngine packs;
    private final Map<String, List<CompileError>> failures;
    private volatile boolean closed;

    private Engine(PackEngine packs, Map<String, List<CompileError>> failures) {
        this.packs = packs;
        this.failures = Map.copyOf(failures);
    }

    /**
     * Compiles every pack of a rules folder with the default options.
     *
     * @param rules the rules folder ({@code <call>/<version>/pack.yaml} and its DRL, {@code reference/}); a folder on
     *              disk or a path inside a zip or jar file system
     * @return the engine
     * @throws PackException when the folder does not exist or cannot be read, or a pack does not compile, with every
     *                       error's file, line and column
     */
    public static Engine load(Path rules) {
        return load(rules, EngineOptions.defaults());
    }

    /**
     * Compiles every pack of a rules folder.
     *
     * @param rules   the rules folder, on disk or inside a zip or jar file system; every file is read while loading
     * @param options how to compile, and whether packs that do not compile fail the load
     *                ({@link EngineOptions.Builder#partialLoad})
     * @return the engine
     * @throws PackException when the folder does not exist or cannot be read, when Drools is unusable on this class path
     *                       (a fat jar that kept one of its {@code META-INF/services} files: the message says how to build
     *                       it), or when a pack does not compile (unless loading partially), with every error's file,
     *                       line and column
     */
    public static Engine load(Path rules, EngineOptions options) {
        if (!Files.isDirectory(rules)) {
            throw new PackException(rules.toString(), Files.exists(rules) ? "not a folder" : "no such folder");
        }
        DroolsWiring.check(org.drools.wiring.api.ComponentsSupplier.class.getClassLoader());
        PackOptions pack = new PackOptions(options.executableModel(), PackOptions.DEFAULTS.sequential(),
                PackOptions.DEFAULTS.sessionPool(), options.parallelLoad(), options.hotUpgrade() ? PackOptions.HOT_AFTER : 0);
        CompiledPackCache cache = options.cacheDirectory() == null ? null : new CompiledPackCache(options.cacheDirectory());
        PackLoader loader = new PackLoader(pack, cache);
        LoadReport report;
        try {
            report = LoadReport.load(rules, loader);
        } catch (UncheckedIOException e) {
            throw new PackException(rules.toString(), "cannot be read: " + e.getMessage());
        } finally {
            if (cache != null) cache.release(); // stores the packs just compiled, now that loading is done
        }
        if (!report.failures().isEmpty()) {
            if (!options.partialLoad()) {
                if (cache != null) cache.close();
                throw new PackException(report.failures().values().stream().flatMap(List::stream).toList());
            }
            LOG.warn("loaded {} pack(s); {} did not compile and are left out: {}", report.packs().all().size(),
                    report.failures().size(), report.failures().keySet());
        }
        // An evaluator of the engine's own (never a shared one), which close() ends.
        Evaluator evaluator = new Evaluator(options.evaluationBudget().isZero() ? EvaluationLimits.none()
                : EvaluationLimits.forLibrary(options.evaluationBudget()));
        return new Engine(new PackEngine(report.packs(), loader, evaluator), report.failures());
    }

    /**
     * Compiles every pack of a rules folder on the class path (in a folder or in a jar), found through the context
     * class loader, with the default options.
     *
     * @param folder the folder's name on the class path, such as {@code "rules"}
     * @return the engine
     * @throws PackException when the folder is not on the class path or a pack does not compile
     */
    public static Engine fromClasspath(String folder) {
        return fromClasspath(folder, EngineOptions.defaults());
    }

    /**
     * Compiles every pack of a rules folder on the class path (in a folder or in a jar), found through the context
     * class loader (else the one that loaded this class).
     *
     * @param folder  the folder's name on the class path, such as {@code "rules"}
     * @param options how to compile
     * @return the engine
     * @throws PackException when the folder is not on the class path or a pack does not compile
     */
    public static Engine fromClasspath(String folder, EngineOptions options) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return fromClasspath(folder, loader != null ? loader : Engine.class.getClassLoader(), options);
    }

    /**
     * Compiles every pack of a rules folder found through the given class loader.
     *
     * @param folder  the folder's name on the class path, such as {@code "rules"}
     * @param loader  the class loader to look in
     * @param options how to compile
     * @return the engine
     * @throws PackException when the folder is not on the class path, is in a place other than a folder or a jar
     *                       file, or a pack does not compile
     */
    public static Engine fromClasspath(String folder, ClassLoader loader, EngineOptions options) {
        String name = folder.replaceAll("^/+|/+$", "");
        // A jar need not list its folders as entries; every rules folder has its reference data.
        String probe = name + "/" + PackLoader.REFERENCE_DIR + "/" + ReferenceData.MUNICIPALITIES_FILE;
        URL found = loader.getResource(name);
        boolean viaProbe = found == null;
        if (viaProbe) found = loader.getResource(probe);
        if (found == null) throw new PackException(name, "no folder '" + name + "' on the class path");
        URI uri = toUri(found);
        if ("file".equals(uri.getScheme())) {
            Path path = Path.of(uri);
            return load(viaProbe ? path.getParent().getParent() : path, options);
        }
        if (!"jar".equals(uri.getScheme())) {
            throw new PackException(name, "rules are read from a folder or a jar file; '" + found + "' is neither");
        }
        String spec = uri.getRawSchemeSpecificPart();
        int bang = spec.indexOf("!/");
        URI jar = toUri(uri.getScheme() + ":" + spec.substring(0, bang));
        FileSystem fs;
        boolean ours;
        try {
            fs = FileSystems.newFileSystem(jar, Map.of());
            ours = true;
        } catch (FileSystemAlreadyExistsException e) {
            fs = FileSystems.getFileSystem(jar);
            ours = false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + jar, e);
        }
        try {
            return load(fs.getPath("/" + name), options);
        } finally {
            // Loading reads every file; the packs keep nothing open.
            if (ours) close(fs);
        }
    }

    /**
     * Evaluates a proposal with the version of the call that governs its submission date.
     *
     * @param call     the call id, such as {@code "507"}
     * @param proposal the proposal, from {@link callcheck.model.ProposalReader} or {@link Proposal#builder()}
     * @return the verdict, with every finding, the rules that passed and the financing plan allowed
     * @throws UnknownCallException when no such call is loaded ({@code unknown_call}) or no version governs the
     *                              submission date ({@code no_version_for_date})
     */
    public Verdict evaluate(String call, Proposal proposal) {
        return evaluate(call, null, proposal);
    }

    /**
     * Evaluates a proposal with the named version of the call.
     *
     * @param call     the call id, such as {@code "507"}
     * @param version  the version, such as {@code "2020-07-14"}; null for the one that governs the submission date
     * @param proposal the proposal, from {@link callcheck.model.ProposalReader} or {@link Proposal#builder()}
     * @return the verdict
     * @throws UnknownCallException        when no such call or version is loaded, or none governs the submission date
     *                                     (for a call whose pack did not load, the message gives its errors)
     * @throws EvaluationTimeoutException when the {@link EngineOptions.Builder#evaluationBudget} ran out
     * @throws EngineBusyException        when too many abandoned evaluations still run in a rule: none runs until they
     *                                     end, or until this engine is closed and a new one loaded
     * @throws EngineClosedException      when the engine was closed, before or during the evaluation
     */
    public Verdict evaluate(String call, String version, Proposal proposal) {
        if (closed) throw new EngineClosedException();
        if (proposal == null) throw new NullPointerException("proposal");
        try {
            return packs.evaluate(call, version, proposal);
        } catch (UnknownCallException e) {
            if (closed) throw (EngineClosedException) new EngineClosedException().initCause(e);
            String failed = failure(call);
            if (failed == null || !"unknown_call".equals(e.code())) throw e;
            throw new UnknownCallException(e.code(), "call " + call + " did not load:\n" + failed);
        }
    }

    /** The errors of the call's packs that did not compile, one a line, or null when none failed. */
    private String failure(String call) {
        List<String> lines = failures.entrySet().stream().filter(f -> f.getKey().replace('\\', '/').startsWith(call + "/"))
                .flatMap(f -> f.getValue().stream()).map(CompileError::toString).toList();
        return lines.isEmpty() ? null : String.join("\n", lines);
    }

    /**
     * The version folders that did not compile, when loading partially ({@link EngineOptions.Builder#partialLoad}):
     * their calls are not served, the others are.
     *
     * @return per version folder ({@code "41/2022-12-22"}), its errors; empty when every pack loaded
     */
    public Map<String, List<CompileError>> failures() {
        return failures;
    }

    /**
     * Waits until the packs this engine compiled are stored in the compiled-pack cache
     * ({@link EngineOptions.Builder#cacheDirectory}), so that the next load reads them back. They are stored on a
     * background thread of low priority, some seconds per pack, after loading; a process that ends soon after loading
     * (a command, a CI job) calls this before it exits, or its next start compiles them again. {@link #close()} lets the
     * writes go on, so this may be called after it too.
     *
     * @param timeout the most to wait
     * @return true when every pack compiled is stored (or there is no cache, or nothing to store); false when the time
     *         ran out
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    public boolean awaitCache(Duration timeout) throws InterruptedException {
        CompiledPackCache cache = packs.loader().cache();
        return cache == null || cache.awaitStored(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * The evaluations given up (past their time budget, or by {@link #close()}) whose rule still runs on its thread:
     * a consequence that loops deaf to interrupts, which Java cannot stop. Each holds its thread until the rule returns
     * or the process ends. {@link #close()} logs them too.
     *
     * @return the stuck evaluations now, empty when none
     */
    public List<StuckEvaluation> stuckEvaluations() {
        return packs.evaluator().stuck();
    }

    /**
     * The calls loaded.
     *
     * @return the call ids, sorted
     */
    public List<String> calls() {
        return packs.packs().calls();
    }

    /**
     * The loaded versions of a call.
     *
     * @param call the call id
     * @return its versions, in the order of their first submission date
     * @throws UnknownCallException when no such call is loaded
     */
    public List<PackVersion> versions(String call) {
        return packs.packs().versions(call).stream().map(Engine::version).toList();
    }

    /**
     * Checks a round of proposals to one call, as the service's {@code POST /v1/calls/{call}/rounds} does: evaluates
     * each proposal, runs the call-level rules ({@link #callLevelRules}) on the selected ones, and proposes the
     * selection of eligible proposals with the highest total score that meets every BLOCKING call-level rule, found
     * by an exact search within the round budget. The version is the one that governs the proposals' submission
     * dates, which must be one for all.
     *
     * <pre>{@code
     * RoundResult r = engine.round("507", Map.of("p01", p01, "p02", p02), List.of("p01"), null);
     * r.findings();                    // what the call-level rules find on the selection p01
     * r.proposedSelection().ids();     // the best selection
     * }</pre>
     *
     * @param call      the call id
     * @param proposals the proposals by their id in the round (1 to 100 characters), in the map's order (a
     *                  {@link java.util.LinkedHashMap} keeps it); at least one
     * @param selected  the ids the agency selected, or null or empty for none
     * @param scores    the jury's score per id (0 to 1,000,000, at most four decimals); null when none were given,
     *                  and every proposal then counts 1; a proposal without a score is not proposed
     * @return the answer: each proposal's outcome, the call-level findings and totals of the selection, the proposed
     *         selection
     * @throws CallcheckException {@link ErrorCode#INVALID_ROUND} when the round cannot be checked as given (an id
     *                            selected or scored that is no proposal's, proposals under two versions...: its
     *                            {@link CallcheckException#code()} says which, as the service answers it);
     *                            {@link UnknownCallException} when the call is not loaded or no version governs a
     *                            proposal; and as {@link #evaluate(String, String, Proposal)} throws
     */
    public RoundResult round(String call, Map<String, Proposal> proposals, List<String> selected, Map<String, BigDecimal> scores) {
        return round(call, null, proposals, selected, scores);
    }

    /**
     * Checks a round as {@link #round(String, Map, List, Map)} does, with the named version of the call whatever the
     * proposals' submission dates.
     *
     * @param call      the call id
     * @param version   the version, or null for the one that governs the proposals' submission dates
     * @param proposals the proposals by their id in the round, in the map's order; at least one
     * @param selected  the ids the agency selected, or null or empty for none
     * @param scores    the jury's score per id, or null when none were given
     * @return the answer
     * @throws CallcheckException as {@link #round(String, Map, List, Map)} throws
     */
    public RoundResult round(String call, String version, Map<String, Proposal> proposals, List<String> selected,
                             Map<String, BigDecimal> scores) {
        if (closed) throw new EngineClosedException();
        PackSet set = packs.packs();
        set.versions(call); // an unknown call is known before the proposals
        RoundRequest request = RoundReader.of(proposals, selected, scores);
        return Rounds.checked(set, call, version, request, Decisions.NONE, (pack, p) -> packs.evaluate(set, pack, p), packs.evaluator()).result();
    }

    /**
     * The rules of a version that check one proposal, in the order of their ids: what {@code callcheck rules} and
     * the service's {@code GET /v1/calls/{call}/rules} list.
     *
     * @param call    the call id
     * @param version the version, or null for the newest one
     * @return the rules, one per id
     * @throws UnknownCallException when no such call or version is loaded
     */
    public List<RuleDescription> rules(String call, String version) {
        return pack(call, version).primaryRules().stream().map(RuleInfo::description).toList();
    }

    /**
     * The call-level rules of a version: those that check a round's selected proposals together ({@link #round}).
     *
     * @param call    the call id
     * @param version the version, or null for the newest one
     * @return the rules, one per id; empty when the version has none
     * @throws UnknownCallException when no such call or version is loaded
     */
    public List<RuleDescription> callLevelRules(String call, String version) {
        RulePack round = pack(call, version).round();
        return round == null ? List.of() : round.primaryRules().stream().map(RuleInfo::description).toList();
    }

    /**
     * The parameters of a version: the call's numbers and dates its rules use, each with its value and its source,
     * or the assumption it rests on when the sources do not give it.
     *
     * @param call    the call id
     * @param version the version, or null for the newest one
     * @return the parameters in the order of the version's {@code pack.yaml}
     * @throws UnknownCallException when no such call or version is loaded
     */
    public List<Parameter> parameters(String call, String version) {
        RulePack pack = pack(call, version);
        return pack.manifest().parameters().keySet().stream().map(pack.parameters()::get).toList();
    }

    /**
     * The documents a version's rules and parameters cite; a {@link Source#document()} gives a document's
     * {@link Document#citation()}.
     *
     * @param call    the call id
     * @param version the version, or null for the newest one
     * @return per document id (as the version's {@code pack.yaml} names it), the document, in the order of the version's {@code pack.yaml}
     * @throws UnknownCallException when no such call or version is loaded
     */
    public Map<String, Document> documents(String call, String version) {
        Map<String, Document> out = new LinkedHashMap<>();
        pack(call, version).manifest().documents().forEach((id, d) -> out.put(id, d.description()));
        return Collections.unmodifiableMap(out);
    }

    /** The packs and evaluator behind the engine, for {@link Examples}. */
    PackEngine packEngine() {
        if (closed) throw new EngineClosedException();
        return packs;
    }

    /** The named version of a call, or its newest. */
    private RulePack pack(String call, String version) {
        if (closed) throw new EngineClosedException();
        if (version != null) return packs.packs().select(call, version, null);
        List<RulePack> versions = packs.packs().versions(call);
        return versions.get(versions.size() - 1);
    }

    /**
     * Ends the engine within {@link #CLOSE_WAIT}, whatever the rules do: evaluating afterwards, and the evaluations
     * running now, throw {@link EngineClosedException}; the sessions kept for reuse are ended. A rule that never returns
     * is left running on its thread, logged as a warning and listed by {@link #stuckEvaluations()}. A new engine loaded
     * afterwards evaluates as usual. Closing again does nothing. The compiled-pack cache takes no more packs, but those
     * queued are still written while the process lives ({@link #awaitCache} waits for them).
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) return;
            closed = true;
        }
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        List<StuckEvaluation> stuck = packs.evaluator().close(CLOSE_WAIT.dividedBy(2));
        for (StuckEvaluation s : stuck) LOG.warn("engine closed with an evaluation stuck in a rule, left running on its thread: {}", s);
        if (packs.loader().cache() != null) packs.loader().cache().finishQueued();
        // Drools waits for a session's rule to return before ending it: on a thread of its own, so that a stuck rule
        // leaves that thread waiting, not the caller.
        Thread ending = new Thread(() -> {
            for (RulePack p : packs.packs().all()) p.close();
        }, "callcheck-engine-close");
        ending.setDaemon(true);
        ending.start();
        try {
            ending.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ending.isAlive()) LOG.warn("engine closed before Drools ended its sessions: a rule still runs ({} stuck)", stuck.size());
    }

    private static PackVersion version(RulePack p) {
        return new PackVersion(p.call(), p.version(), p.manifest().title(), p.manifest().submissions().from(),
                p.manifest().submissions().until(), p.digest());
    }

    private static URI toUri(URL url) {
        try {
            return url.toURI();
        } catch (URISyntaxException e) {
            throw new PackException(url.toString(), "not a valid address: " + e.getMessage());
        }
    }

    private static URI toUri(String s) {
        try {
            return new URI(s);
        } catch (URISyntaxException e) {
            throw new PackException(s, "not a valid address: " + e.getMessage());
        }
    }

    private static void close(FileSystem fs) {
        try {
            fs.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
