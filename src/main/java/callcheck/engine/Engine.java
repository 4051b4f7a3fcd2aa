package callcheck.engine;

import callcheck.internal.engine.EvaluationLimits;
import callcheck.internal.engine.Evaluator;
import callcheck.internal.engine.PackEngine;
import callcheck.internal.pack.CompiledPackCache;
import callcheck.internal.pack.PackLoader;
import callcheck.internal.pack.PackOptions;
import callcheck.internal.pack.RulePack;
import callcheck.model.Proposal;
import callcheck.reference.ReferenceData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
 */
public final class Engine implements AutoCloseable {
    private final PackEngine packs;
    private volatile boolean closed;

    private Engine(PackEngine packs) {
        this.packs = packs;
    }

    /**
     * Compiles every pack of a rules folder with the default options.
     *
     * @param rules the rules folder ({@code <call>/<version>/pack.yaml} and its DRL, {@code reference/}); a folder on
     *              disk or a path inside a zip or jar file system
     * @return the engine
     * @throws PackException when a pack does not compile, with every error's file, line and column
     */
    public static Engine load(Path rules) {
        return load(rules, EngineOptions.defaults());
    }

    /**
     * Compiles every pack of a rules folder.
     *
     * @param rules   the rules folder, on disk or inside a zip or jar file system; every file is read while loading
     * @param options how to compile
     * @return the engine
     * @throws PackException when a pack does not compile, with every error's file, line and column
     */
    public static Engine load(Path rules, EngineOptions options) {
        PackOptions pack = new PackOptions(options.executableModel(), PackOptions.DEFAULTS.sequential(),
                PackOptions.DEFAULTS.sessionPool(), options.parallelLoad());
        CompiledPackCache cache = options.cacheDirectory() == null ? null : new CompiledPackCache(options.cacheDirectory());
        PackLoader loader = new PackLoader(pack, cache);
        PackEngine loaded;
        try {
            loaded = PackEngine.load(rules, loader);
        } finally {
            if (cache != null) cache.release(); // stores the packs just compiled, now that loading is done
        }
        if (options.evaluationBudget().isZero()) return new Engine(loaded);
        return new Engine(new PackEngine(loaded.packs(), loader,
                new Evaluator(EvaluationLimits.withBudget(options.evaluationBudget()))));
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
     * @throws EvaluationTimeoutException when {@link EngineOptions.Builder#evaluationBudget} is set and ran out
     * @throws EngineBusyException        when a budget is set and too many abandoned evaluations still run
     */
    public Verdict evaluate(String call, String version, Proposal proposal) {
        if (closed) throw new IllegalStateException("the engine is closed");
        if (proposal == null) throw new NullPointerException("proposal");
        return packs.evaluate(call, version, proposal);
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

    /** Ends the sessions the packs keep for reuse; evaluating afterwards throws {@link IllegalStateException}. */
    @Override
    public void close() {
        closed = true;
        for (RulePack p : packs.packs().all()) p.close();
        if (packs.loader().cache() != null) packs.loader().cache().close();
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
