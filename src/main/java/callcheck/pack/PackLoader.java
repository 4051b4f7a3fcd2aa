package callcheck.pack;

import callcheck.engine.CompileError;
import callcheck.engine.PackException;
import callcheck.engine.Severity;
import callcheck.engine.Source;
import callcheck.rules.Parameter;
import callcheck.rules.Parameters;

import callcheck.json.FieldPath;
import callcheck.language.Labels;
import callcheck.reference.ReferenceData;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.drools.compiler.kie.builder.impl.DrlProject;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.KieModule;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Reads and compiles rule packs. Layout: {@code <rules>/<call>/<version>/pack.yaml} plus DRL files, and the
 * reference data in {@code <rules>/reference/}. A pack compiles once into a KieBase; any error (DRL, manifest or
 * rule metadata) is reported with its file and line, and the pack is not returned.
 * <p>
 * A pack may include modules ({@code include: [programmes/amif2027]}, folders relative to the rules folder, each
 * with a {@code module.yaml} and DRL files): rules written once for several calls. A module's DRL compiles into the
 * pack, its documents, parameters and assumptions join the pack's (a name defined twice is an error), and its
 * files count in the pack's digest. A module keeps its own DRL package, so the same module compiles unchanged into
 * every pack that includes it; its rules share the facts (Evaluation, Parameters, the model) that every pack uses.
 */
public final class PackLoader {
    public static final String MANIFEST = "pack.yaml";
    public static final String REFERENCE_DIR = "reference";
    /**
     * What a rule names in {@code @uses} when its finding depends on this version being the one in force: the
     * manifest's {@code submissions.assumption}, if any, then goes into its findings.
     */
    public static final String USES_SUBMISSIONS = "submissions";
    /** Metadata every rule must carry. */
    static final List<String> REQUIRED_METADATA = List.of("id", "severity", "title", "titleNl", "nl", "en", "document", "section");

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();
    private static final AtomicLong BUILDS = new AtomicLong();

    private final PackOptions options;
    /** Whether a text without its Dutch is an error; false only for archived packs ({@link #forArchives}). */
    private final boolean requireDutch;
    private final CompiledPackCache cache;
    /**
     * The rules this loader compiled, by {@link #sourcesKey their sources}: versions of a call that share their rule
     * files, and a reload that changed only parameters or the reference data (facts, not compiled in), reuse one KieBase
     * and its sessions instead of compiling again. Held weakly: rules that no pack serves any more are let go.
     */
    private final Map<String, java.lang.ref.WeakReference<CompiledRules>> built = new java.util.concurrent.ConcurrentHashMap<>();
    /** One lock per sources key being built, so that two packs of the same sources compile them once. */
    private final Map<String, Object> building = new java.util.concurrent.ConcurrentHashMap<>();
    /** Each pack's Drools build, kept so that the next compile of it compiles only the files that changed; null: none kept. */
    private final IncrementalBuilds incremental;

    /** With the default options ({@link PackOptions#DEFAULTS}). */
    public PackLoader() {
        this(PackOptions.DEFAULTS);
    }

    public PackLoader(PackOptions options) {
        this(options, null);
    }

    /** Loading a pack compiled before from the cache, when not null; see {@link CompiledPackCache}. */
    public PackLoader(PackOptions options, CompiledPackCache cache) {
        this(options, cache, true, null);
    }

    private PackLoader(PackOptions options, CompiledPackCache cache, boolean requireDutch, IncrementalBuilds incremental) {
        this.options = options;
        this.cache = cache;
        this.requireDutch = requireDutch;
        this.incremental = incremental;
    }

    /**
     * A loader with this one's options and cache that keeps the Drools build of each pack it compiles from DRL, so that
     * compiling the pack again after an edit compiles only the rule files that changed ({@code test --watch}). The
     * packs, and the errors of a pack that does not compile, are those a fresh compile gives.
     */
    public PackLoader incremental() {
        return new PackLoader(options, cache, requireDutch, options.executableModel() ? null : new IncrementalBuilds());
    }

    /**
     * For an {@link #incremental} loader: builds, in the background, the packs it took ready-made from the cache, so that
     * their first edit compiles incrementally too (once nothing more urgent runs: after the first run's results).
     */
    public void prepareIncremental() {
        if (incremental != null) incremental.prepare();
    }

    /** How many compiles of an {@link #incremental} loader compiled only the changed files (0 for another loader). */
    int incrementalCompiles() {
        return incremental == null ? 0 : incremental.rebuilt();
    }

    /**
     * A loader for the files a decision's pack was archived with: a pack archived before the Dutch texts were required
     * ({@code @titleNl}, {@code descriptionNl}, ...) still compiles for a replay, its English standing in for the Dutch;
     * with this loader's options and cache.
     */
    PackLoader forArchives() {
        return new PackLoader(options, cache, false, null);
    }

    public PackOptions options() {
        return options;
    }

    /** The cache of compiled packs, or null. */
    public CompiledPackCache cache() {
        return cache;
    }

    /** The version folders under a rules folder: every {@code <call>/<version>} that holds a manifest. */
    public static List<Path> versionFolders(Path rules) {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> calls = Files.list(rules)) {
            for (Path call : calls.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> versions = Files.list(call)) {
                    versions.filter(v -> Files.isRegularFile(v.resolve(MANIFEST))).sorted().forEach(out::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list rules folder " + rules, e);
        }
        return out;
    }

    /** Loads the reference data of a rules folder. */
    public static ReferenceData reference(Path rules) {
        return ReferenceData.load(rules.resolve(REFERENCE_DIR));
    }

    /**
     * Compiles one version folder. The rules folder is the root that paths in errors are relative to; each error
     * points at the line (and column, from 1) to edit, or has line 0 when it concerns a whole file.
     */
    public RulePack load(Path rules, Path versionFolder) {
        try {
            if (Extension.extendsOf(versionFolder) != null) return compileDelta(rules, versionFolder);
            return compile(rules, versionFolder);
        } catch (PackException e) {
            throw new PackException(Diagnostics.refine(rules, versionFolder, e.errors()));
        }
    }

    private RulePack compile(Path rules, Path versionFolder) {
        Path root = rules.toAbsolutePath().normalize();
        Path folder = versionFolder.toAbsolutePath().normalize();
        List<CompileError> linksOut = Confinement.linksOut(root, folder);
        if (!linksOut.isEmpty()) throw new PackException(linksOut);
        String manifestFile = rel(root, folder.resolve(MANIFEST));
        Manifest own = readYaml(folder.resolve(MANIFEST), manifestFile, Manifest.class);
        List<CompileError> errors = new ArrayList<>();
        List<Included> included = included(root, own, manifestFile, errors);
        Manifest manifest = merged(own, included, manifestFile, errors);
        String expectedCall = folder.getParent().getFileName().toString();
        if (!manifest.call().equals(expectedCall)) {
            errors.add(new CompileError(manifestFile, 0, 0, "call '" + manifest.call() + "' does not match its folder '" + expectedCall + "'"));
        }
        if (!manifest.version().equals(folder.getFileName().toString())) {
            errors.add(new CompileError(manifestFile, 0, 0, "version '" + manifest.version() + "' does not match its folder '" + folder.getFileName() + "'"));
        }
        Manifest.Submissions s = manifest.submissions();
        if (s.until() != null && s.until().isBefore(s.from())) {
            errors.add(new CompileError(manifestFile, 0, 0, "submissions.until is before submissions.from"));
        }
        // Each text a page shows has its Dutch beside it, as a rule's @title has its @titleNl.
        if (requireDutch && s.assumption() != null && s.assumptionNl() == null) {
            errors.add(new CompileError(manifestFile, 0, 0, "submissions has an assumption but no assumptionNl: write it in Dutch too, for the Dutch pages"));
        }
        if (requireDutch) {
            dutchAssumptions(own.assumptions(), manifestFile, errors);
            for (Included inc : included) dutchAssumptions(inc.module().assumptions(), inc.file(), errors);
        }
        if (manifest.parameters().containsKey(USES_SUBMISSIONS) || manifest.assumptions().containsKey(USES_SUBMISSIONS)) {
            errors.add(new CompileError(manifestFile, 0, 0, "'" + USES_SUBMISSIONS + "' is reserved for @uses: name the parameter or assumption otherwise"));
        }
        Map<String, Parameter> byName = new LinkedHashMap<>();
        parameters(own.parameters(), manifest.documents(), manifestFile, requireDutch, errors, byName);
        for (Included inc : included) parameters(inc.module().parameters(), inc.module().documents(), inc.file(), requireDutch, errors, byName);
        Parameters parameters = new Parameters(byName);

        List<Path> drlFiles = new ArrayList<>(drlFiles(folder));
        for (Included inc : included) drlFiles.addAll(drlFiles(inc.folder()));
        // Call-level rules (round*.drl) judge a set of proposals: they compile apart, into the pack's round KieBase.
        List<Path> roundFiles = drlFiles.stream().filter(PackLoader::isRoundFile).toList();
        drlFiles.removeAll(roundFiles);
        if (drlFiles.isEmpty()) errors.add(new CompileError(manifestFile, 0, 0, "the pack has no .drl file"));
        Labels labels = labels(root, errors);
        if (!errors.isEmpty()) throw new PackException(errors);
        List<Path> folders = new ArrayList<>(List.of(folder));
        for (Included inc : included) folders.add(inc.folder());
        Map<String, byte[]> files = files(root, folders);
        String digest = digest(files);
        Compiled checks = compileRules(root, folder, drlFiles, manifest, manifestFile, parameters, labels, false);
        Compiled round = roundFiles.isEmpty() ? null : compileRules(root, folder, roundFiles, manifest, manifestFile, parameters, labels, true);
        RulePack roundPack = round == null ? null
                : new RulePack(folder, manifest, round.rules(), round.infos(), round.needs(), parameters, labels, digest, files, null);
        return new RulePack(folder, manifest, checks.rules(), checks.infos(), checks.needs(), parameters, labels, digest, files, roundPack);
    }

    /** The labels of the rules folder's reference data ({@link Labels#FILE}); {@link Labels#NONE} when it has none. */
    private static Labels labels(Path root, List<CompileError> errors) {
        try {
            return Labels.load(root.resolve(REFERENCE_DIR));
        } catch (IOException | RuntimeException e) {
            errors.add(new CompileError(REFERENCE_DIR + "/" + Labels.FILE, 0, 0, "cannot read the labels: " + oneLine(e.getMessage())));
            return Labels.NONE;
        }
    }

    /**
     * Compiles a version that extends another ({@link Extension}) from the full copy it resolves to, written under a
     * temporary folder with the modules and reference data it reads, so that it compiles, digests and archives as that
     * copy would. Errors in files it inherits point at the file it inherits them from (lines keep their numbers).
     */
    private RulePack compileDelta(Path rules, Path versionFolder) {
        Path root = rules.toAbsolutePath().normalize();
        Path folder = versionFolder.toAbsolutePath().normalize();
        List<CompileError> linksOut = Confinement.linksOut(root, folder);
        if (!linksOut.isEmpty()) throw new PackException(linksOut);
        Extension.Resolved resolved = Extension.resolve(root, folder);
        Map<String, byte[]> files = deltaFiles(root, resolved);
        String manifestFile = rel(root, folder.resolve(MANIFEST));
        try {
            return ArchivedPack.inFolder(files, tmp -> compile(tmp, tmp.resolve(rel(root, folder))))
                    .at(folder, resolved.lineage(), resolved.origins());
        } catch (PackException e) {
            // The resolved manifest is written by us: its errors belong to the delta's pack.yaml (or to what it inherits).
            throw new PackException(e.errors().stream().map(err -> err.file().equals(manifestFile)
                    ? new CompileError(manifestFile, 0, 0, err.message() + " (as resolved with what it inherits from " + resolved.lineage().extendsVersion() + ")")
                    : new CompileError(resolved.origins().getOrDefault(err.file(), err.file()), err.line(), err.column(), err.message())).toList());
        }
    }

    /** The files a delta's digest covers: those of the full copy it resolves to, of the modules it includes, the reference data. */
    private static Map<String, byte[]> deltaFiles(Path root, Extension.Resolved resolved) {
        Map<String, byte[]> files = new LinkedHashMap<>(resolved.files());
        List<Path> modules = new ArrayList<>();
        String manifest = resolved.files().keySet().stream().filter(f -> f.endsWith("/" + MANIFEST)).findFirst().orElseThrow();
        try {
            for (String inc : YAML.readValue(resolved.files().get(manifest), Manifest.class).include()) {
                Path m = root.resolve(inc).normalize();
                if (m.startsWith(root) && !m.equals(root) && Files.isDirectory(m)) modules.add(m);
            }
        } catch (IOException | RuntimeException e) {
            // compiling the resolved manifest says what is wrong with it
        }
        files.putAll(files(root, modules));
        return new java.util.TreeMap<>(files);
    }

    /** The versions a version folder extends, nearest first; empty for a full version. */
    public static List<String> extendsChain(Path versionFolder) {
        return Extension.chain(versionFolder);
    }

    /** A file of call-level rules: {@code round.drl}, {@code round-budget.drl}. */
    static boolean isRoundFile(Path drl) {
        return drl.getFileName().toString().startsWith("round");
    }

    private record Compiled(CompiledRules rules, List<RuleInfo> infos, Map<String, List<FieldPath>> needs) {
    }

    /**
     * Compiles DRL files into one KieBase and reads back every rule's metadata. {@code round}: the files hold
     * call-level rules, whose BLOCKING rules must state their {@code @limit}; only they may.
     */
    private Compiled compileRules(Path root, Path folder, List<Path> drlFiles, Manifest manifest, String manifestFile, Parameters parameters,
                                  Labels labels, boolean round) {
        List<CompileError> errors = new ArrayList<>();
        Map<String, Path> byKiePath = new LinkedHashMap<>();
        Map<String, byte[]> sources = new LinkedHashMap<>();
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        ReleaseId releaseId = ks.newReleaseId("callcheck.packs", "pack-" + sanitize(manifest.call()) + "-" + sanitize(manifest.version())
                + (round ? "-round" : ""), "1.0." + BUILDS.incrementAndGet());
        kfs.generateAndWritePomXML(releaseId);
        for (Path drl : drlFiles) {
            // Drools expects a file's folder to match its package. The pack's own files are named from its folder, so that
            // two versions with the same files have the same sources; a module's from the rules root (it is one folder).
            String name = drl.startsWith(folder) ? "pack/" + rel(folder, drl) : rel(root, drl);
            String kiePath = "src/main/resources/" + packageFolder(drl) + "/" + sanitize(name).replace('/', '_');
            byKiePath.put(kiePath, drl);
            sources.put(kiePath, read(drl));
            kfs.write(kiePath, sources.get(kiePath));
        }
        if (!errors.isEmpty()) throw new PackException(errors);
        // Rules compiled before from the same sources serve again: from this loader, else from the cache (whose entry
        // holds the same sources compiled), else they compile now.
        String sourcesKey = sourcesKey(sources, round);
        KieModule compiled = null;
        boolean fresh = false; // built now (compiled or read from the cache), not reused from this loader
        CompiledRules rules;
        Object lock = building.computeIfAbsent(sourcesKey, k -> new Object());
        try {
            synchronized (lock) {
                java.lang.ref.WeakReference<CompiledRules> known = built.get(sourcesKey);
                rules = known == null ? null : known.get();
                if (rules == null) {
                    fresh = true;
                    CompiledPackCache.Hit hit = cache == null ? null : cache.lookup(sourcesKey, options.sequential());
                    HotUpgrade upgrade = options.executableModel() || options.hotAfter() == 0 ? null
                            : new HotUpgrade(manifest.call() + "/" + manifest.version() + (round ? " (call-level)" : ""), sourcesKey, sources,
                            cache, options.sequential(), options.hotAfter());
                    String slot = rel(root, folder) + (round ? " round" : " checks"); // the pack's place, for incremental builds
                    if (hit == null) {
                        // The pack's build of before brought up to date, else a full build (kept for the next time).
                        compiled = incremental == null ? null : incremental.rebuild(slot, sources);
                        if (compiled == null) {
                            KieBuilder builder = compile(ks, kfs, byKiePath, root, manifestFile, errors);
                            compiled = builder.getKieModule();
                            if (incremental != null) incremental.keep(slot, kfs, builder, sources);
                        }
                        rules = new CompiledRules(kieBase(ks, compiled), options.sessionPool(), upgrade);
                    } else {
                        if (hit.kieBase() != null) {
                            rules = new CompiledRules(hit.kieBase(), options.sessionPool(), upgrade);
                        } else {
                            // Checked and listed now, its classes defined on first use (CompiledRules).
                            CompiledPackCache.Entry entry = hit.entry();
                            rules = new CompiledRules(entry.rules(), () -> materialise(entry, sourcesKey, sources, entry.rules()), options.sessionPool());
                        }
                        if (incremental != null) {
                            // From the cache: built in the background all the same, so that its first edit is incremental too.
                            incremental.keepLater(slot, kfs, sources, () -> {
                                KieBuilder builder = compile(ks, kfs, byKiePath, root, manifestFile, new ArrayList<>());
                                ks.getRepository().removeKieModule(builder.getKieModule().getReleaseId()); // as kieBase() does
                                return builder;
                            });
                        }
                    }
                    built.values().removeIf(r -> r.get() == null);
                    built.put(sourcesKey, new java.lang.ref.WeakReference<>(rules));
                }
            }
        } finally {
            building.remove(sourcesKey, lock); // also when the sources do not compile
        }
        List<RuleInfo> infos = new ArrayList<>();
        Map<String, List<FieldPath>> needs = new HashMap<>();
        Map<String, String> ruleNames = new HashMap<>();
        for (RuleMeta r : rules.rules()) {
            RuleInfo info = ruleInfo(r, manifest, parameters, byKiePath, root, requireDutch, errors);
            if (info == null) continue;
            // Findings are tied to their rule by name: a name used in two packages (pack and module) is ambiguous.
            String other = ruleNames.putIfAbsent(info.name(), info.file());
            if (other != null) {
                errors.add(new CompileError(info.file(), lineOf(root, info), 0, "rule \"" + info.name() + "\" is also declared in " + other));
                continue;
            }
            String limitError = RoundLimit.check(info, round, parameters);
            if (limitError != null) {
                errors.add(new CompileError(info.file(), lineOf(root, info), 0, "rule \"" + info.name() + "\" " + limitError));
                continue;
            }
            infos.add(info);
            List<FieldPath> paths = new ArrayList<>(needs.getOrDefault(info.id(), List.of()));
            for (String n : info.needs()) {
                try {
                    paths.add(FieldPath.compile(n));
                } catch (IllegalArgumentException e) {
                    errors.add(at(root, info, "@needs", n, "rule \"" + info.name() + "\" @needs " + e.getMessage()));
                }
            }
            needs.put(info.id(), List.copyOf(paths));
        }
        Set<String> primaries = new LinkedHashSet<>();
        for (RuleInfo r : infos) if (r.isPrimary()) primaries.add(r.id());
        for (RuleInfo r : infos) {
            if (!primaries.contains(r.id())) {
                errors.add(new CompileError(r.file(), lineOf(root, r), 0, "rule \"" + r.name() + "\" has @id(\"" + r.id()
                        + "\") but no rule is named \"" + r.id() + "\""));
            }
        }
        errors.addAll(ParameterReads.check(root, byKiePath.values(), parameters, infos));
        errors.addAll(LanguageChecks.check(root, infos, parameters, labels));
        if (!errors.isEmpty()) throw new PackException(errors);
        infos.sort(Comparator.comparing(RuleInfo::id).thenComparing(r -> !r.isPrimary()).thenComparing(RuleInfo::name));
        if (fresh && cache != null) {
            if (compiled != null && options.executableModel()) {
                cache.store(sourcesKey, compiled, rules.rules());
            } else if (rules.prepared()) {
                if (compiled != null) cache.storeCompiled(sourcesKey, rules.kieBase());
                cache.storeLater(sourcesKey, sources, rules.rules()); // the executable model, unless stored before
            }
        }
        return new Compiled(rules, infos, needs);
    }

    /** Compiles the pack's files as the options say; every error with its file and line. */
    private KieBuilder compile(KieServices ks, KieFileSystem kfs, Map<String, Path> byKiePath, Path root, String manifestFile,
                               List<CompileError> errors) {
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll(options.executableModel() ? ExecutableModelProject.class : DrlProject.class);
        for (Message m : builder.getResults().getMessages(Message.Level.ERROR)) {
            // Drools counts columns from 0 and gives 0 also when it does not know: take 0 as unknown.
            errors.add(new CompileError(fileOf(m.getPath(), byKiePath, root, manifestFile), m.getLine(), m.getColumn() > 0 ? m.getColumn() + 1 : 0,
                    oneLine(m.getText())));
        }
        if (!errors.isEmpty()) throw new PackException(errors);
        return builder;
    }

    /**
     * The KieBase of rules read from the cache, made on first use; when the entry's classes do not load (the cache
     * deleted it), the rules compile again from the sources they were listed from, which gives the same rules: the
     * pack serves as from a fresh compile, and its entry is stored again.
     */
    private KieBase materialise(CompiledPackCache.Entry entry, String sourcesKey, Map<String, byte[]> sources, List<RuleMeta> rules) {
        KieBase kieBase = cache.materialise(entry, options.sequential());
        if (kieBase != null) return kieBase;
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        ReleaseId releaseId = ks.newReleaseId("callcheck.packs", "pack-rebuilt", "1.0." + BUILDS.incrementAndGet());
        kfs.generateAndWritePomXML(releaseId);
        sources.forEach(kfs::write);
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll(options.executableModel() ? ExecutableModelProject.class : DrlProject.class);
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        // The sources compiled to this entry before, with this build of callcheck and Drools (its key says so).
        if (!errors.isEmpty()) throw new IllegalStateException("rules listed from the cache do not compile again: " + errors.get(0).getText());
        KieModule compiled = builder.getKieModule();
        kieBase = kieBase(ks, compiled);
        if (options.executableModel()) {
            cache.store(sourcesKey, compiled, rules);
        } else {
            cache.storeCompiled(sourcesKey, kieBase);
            cache.storeLater(sourcesKey, sources, rules);
        }
        return kieBase;
    }

    private KieBase kieBase(KieServices ks, KieModule kieModule) {
        KieContainer container = ks.newKieContainer(kieModule.getReleaseId());
        // Sequential: the rules only read the facts and report, so each fires at most once per match in one pass,
        // without the agenda's bookkeeping; measured in BENCHMARKS.md.
        org.kie.api.KieBaseConfiguration conf = ks.newKieBaseConfiguration();
        conf.setOption(options.sequential() ? org.kie.api.conf.SequentialOption.YES : org.kie.api.conf.SequentialOption.NO);
        KieBase kieBase = container.newKieBase(conf);
        // The container holds what it needs; keep the repository from holding every build ever made.
        ks.getRepository().removeKieModule(kieModule.getReleaseId());
        return kieBase;
    }

    /** An included module: its folder, its module.yaml as shown in errors, and what that file says. */
    private record Included(Path folder, String file, ModuleManifest module) {
    }

    /** The modules the manifest includes, each checked to be a module folder inside the rules folder. */
    private static List<Included> included(Path root, Manifest m, String manifestFile, List<CompileError> errors) {
        List<Included> out = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (String inc : m.include()) {
            Path folder;
            try {
                Path given = root.getFileSystem().getPath(inc);
                folder = root.resolve(given).normalize();
                if (given.isAbsolute() || !folder.startsWith(root) || folder.equals(root)) {
                    errors.add(new CompileError(manifestFile, 0, 0, "include '" + inc + "' must be a folder inside the rules folder, given relative to it"));
                    continue;
                }
            } catch (InvalidPathException e) {
                errors.add(new CompileError(manifestFile, 0, 0, "include '" + inc + "' is not a path"));
                continue;
            }
            Path moduleFile = folder.resolve(ModuleManifest.FILE);
            if (Files.isRegularFile(folder.resolve(MANIFEST))) {
                errors.add(new CompileError(manifestFile, 0, 0, "include '" + inc + "' is a pack (it has " + MANIFEST + "); only modules can be included"));
            } else if (!Files.isRegularFile(moduleFile)) {
                errors.add(new CompileError(manifestFile, 0, 0, "include '" + inc + "': there is no " + rel(root, moduleFile)));
            } else if (!seen.add(folder)) {
                errors.add(new CompileError(manifestFile, 0, 0, "include '" + inc + "' is listed twice"));
            } else {
                String file = rel(root, moduleFile);
                try {
                    out.add(new Included(folder, file, readYaml(moduleFile, file, ModuleManifest.class)));
                } catch (PackException e) {
                    errors.addAll(e.errors());
                }
            }
        }
        return out;
    }

    /** The pack's manifest with the documents, parameters and assumptions of its modules joined in. */
    private static Manifest merged(Manifest own, List<Included> included, String manifestFile, List<CompileError> errors) {
        if (included.isEmpty()) return own;
        Map<String, Manifest.Document> documents = new LinkedHashMap<>(own.documents());
        Map<String, Manifest.ParameterSpec> parameters = new LinkedHashMap<>(own.parameters());
        Map<String, Manifest.AssumptionSpec> assumptions = new LinkedHashMap<>(own.assumptions());
        Map<String, String> definedIn = new HashMap<>();
        own.documents().keySet().forEach(k -> definedIn.put("document " + k, manifestFile));
        own.parameters().keySet().forEach(k -> definedIn.put("parameter " + k, manifestFile));
        own.assumptions().keySet().forEach(k -> definedIn.put("assumption " + k, manifestFile));
        for (Included inc : included) {
            join("document", inc.module().documents(), inc.file(), documents, definedIn, manifestFile, errors);
            join("parameter", inc.module().parameters(), inc.file(), parameters, definedIn, manifestFile, errors);
            join("assumption", inc.module().assumptions(), inc.file(), assumptions, definedIn, manifestFile, errors);
        }
        return new Manifest(own.call(), own.title(), own.programme(), own.programmeNl(), own.version(), own.submissions(), documents, parameters,
                assumptions, own.include());
    }

    /** Adds a module's entries of one kind; a name another file already defines is an error in the module's file. */
    private static <V> void join(String kind, Map<String, V> from, String fromFile, Map<String, V> into, Map<String, String> definedIn,
                                 String manifestFile, List<CompileError> errors) {
        from.forEach((name, value) -> {
            String other = definedIn.putIfAbsent(kind + " " + name, fromFile);
            if (other == null) {
                into.put(name, value);
            } else {
                errors.add(new CompileError(fromFile, 0, 0, kind + " '" + name + "' is also defined in " + other + " (both are part of "
                        + manifestFile + ")"));
            }
        });
    }

    private static <T> T readYaml(Path file, String shownAs, Class<T> type) {
        try {
            T m;
            try (java.io.InputStream in = Files.newInputStream(file)) {
                m = YAML.readValue(in, type);
            }
            if (m == null) throw new PackException(shownAs, "the manifest is empty");
            return m;
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            int col = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
            throw new PackException(List.of(new CompileError(shownAs, line, col, oneLine(e.getOriginalMessage()))));
        } catch (IOException e) {
            throw new PackException(shownAs, "cannot read: " + ReadFailure.reason(e));
        }
    }

    /** Checks and types the parameters one file defines, citing the documents it may cite, into {@code out}. */
    /** An assumption without its Dutch text is an error, as a rule without {@code @titleNl} is. */
    private static void dutchAssumptions(Map<String, Manifest.AssumptionSpec> assumptions, String file, List<CompileError> errors) {
        assumptions.forEach((name, a) -> {
            if (a.textNl() == null) errors.add(new CompileError(file, 0, 0, "assumption " + name + " has no textNl: write it in Dutch too, for the Dutch pages"));
        });
    }

    private static void parameters(Map<String, Manifest.ParameterSpec> specs, Map<String, Manifest.Document> documents, String file,
                                   boolean requireDutch, List<CompileError> errors, Map<String, Parameter> out) {
        specs.forEach((name, spec) -> {
            Parameter.Type type;
            try {
                type = Parameter.Type.valueOf(spec.type().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new CompileError(file, 0, 0, "parameter " + name + ": type '" + spec.type() + "' is not one of "
                        + Arrays.toString(Parameter.Type.values()).toLowerCase(Locale.ROOT)));
                return;
            }
            boolean unknown = Boolean.TRUE.equals(spec.unknown());
            Object value = null;
            if (spec.value() == null) {
                if (!unknown) errors.add(new CompileError(file, 0, 0, "parameter " + name + " has no value (mark it unknown: true if the sources do not give it)"));
            } else if (unknown) {
                errors.add(new CompileError(file, 0, 0, "parameter " + name + " is marked unknown but has a value"));
            } else {
                try {
                    value = type == Parameter.Type.DATE ? LocalDate.parse(spec.value().toString()) : new BigDecimal(spec.value().toString());
                } catch (NumberFormatException | DateTimeParseException e) {
                    errors.add(new CompileError(file, 0, 0, "parameter " + name + ": '" + spec.value() + "' is not a " + type.name().toLowerCase(Locale.ROOT)));
                    return;
                }
            }
            Source source = null;
            if (spec.source() != null) {
                Manifest.Document d = documents.get(spec.source().document());
                if (d == null) {
                    errors.add(new CompileError(file, 0, 0, "parameter " + name + " cites document '" + spec.source().document() + "' that " + file + " does not list"));
                } else {
                    source = new Source(d.citation(), spec.source().section(), spec.source().sectionNl());
                }
            }
            if (requireDutch && spec.description() != null && spec.descriptionNl() == null) {
                errors.add(new CompileError(file, 0, 0, "parameter " + name + " has a description but no descriptionNl: write it in Dutch too, for the Dutch pages"));
            }
            if (requireDutch && spec.assumption() != null && spec.assumptionNl() == null) {
                errors.add(new CompileError(file, 0, 0, "parameter " + name + " has an assumption but no assumptionNl: write it in Dutch too, for the Dutch pages"));
            }
            String assumption = spec.assumption(), assumptionNl = spec.assumptionNl();
            if (unknown && assumption == null) {
                assumption = "The sources do not give " + (spec.description() == null ? name : spec.description()) + "; the value is unknown.";
                assumptionNl = "De bronnen geven " + (spec.descriptionNl() == null ? name : spec.descriptionNl()) + " niet; de waarde is onbekend.";
            }
            if (spec.source() == null && assumption == null) {
                errors.add(new CompileError(file, 0, 0, "parameter " + name + " needs a source or an assumption"));
            }
            out.put(name, new Parameter(name, type, value, spec.description(), source, assumption, spec.descriptionNl(), assumptionNl));
        });
    }

    private static RuleInfo ruleInfo(RuleMeta r, Manifest m, Parameters params, Map<String, Path> byKiePath, Path root, boolean requireDutch,
                                     List<CompileError> errors) {
        Map<String, String> md = r.metadata();
        if (md.containsKey("plan")) return null; // computes the financing plan; not a check, so not listed
        String file = fileOfRule(r, byKiePath, root);
        // The rule's line only for an error: reading its file for every rule was a fair part of a start from the cache.
        java.util.function.IntSupplier line = () -> lineOf(root, file, r.name());
        List<String> absent = REQUIRED_METADATA.stream().filter(k -> text(md.get(k)) == null && (requireDutch || !k.equals("titleNl"))).toList();
        if (!absent.isEmpty()) {
            errors.add(new CompileError(file, line.getAsInt(), 0, "rule \"" + r.name() + "\" lacks metadata " + absent));
            return null;
        }
        Severity severity;
        try {
            severity = Severity.valueOf(text(md.get("severity")));
        } catch (IllegalArgumentException e) {
            errors.add(new CompileError(file, line.getAsInt(), 0, "rule \"" + r.name() + "\": @severity must be one of " + Arrays.toString(Severity.values())));
            return null;
        }
        Manifest.Document doc = m.documents().get(text(md.get("document")));
        if (doc == null) {
            errors.add(new CompileError(file, line.getAsInt(), 0, "rule \"" + r.name() + "\" cites document '" + text(md.get("document"))
                    + "' that the manifest does not list " + m.documents().keySet()));
            return null;
        }
        List<String> uses = list(md.get("uses"));
        List<String> assumptions = new ArrayList<>(), assumptionsNl = new ArrayList<>();
        for (String u : uses) {
            if (u.equals(USES_SUBMISSIONS)) {
                // The version's submission dates: an assumption when the sources do not give them.
                if (m.submissions().assumption() != null) {
                    assumptions.add(m.submissions().assumption());
                    assumptionsNl.add(m.submissions().assumptionNl());
                }
            } else if (params.all().containsKey(u)) {
                Parameter p = params.get(u);
                if (p.assumption() != null) {
                    assumptions.add(p.assumption());
                    assumptionsNl.add(p.assumptionNl());
                }
            } else if (m.assumptions().containsKey(u)) {
                assumptions.add(m.assumptions().get(u).text());
                assumptionsNl.add(m.assumptions().get(u).textNl());
            } else {
                errors.add(new CompileError(file, line.getAsInt(), 0, "rule \"" + r.name() + "\" @uses '" + u + "', which is neither a parameter nor an assumption of the manifest, nor '" + USES_SUBMISSIONS + "'"));
                return null;
            }
        }
        // A title names its numbers as {parameter}: filled here, once, so that the number lives only in the manifest.
        return new RuleInfo(text(md.get("id")), r.name(), severity, ParameterText.fill(text(md.get("title")), params, java.util.Locale.ENGLISH),
                ParameterText.fill(text(md.get(text(md.get("titleNl")) == null ? "title" : "titleNl")), params, ParameterText.DUTCH), text(md.get("nl")), text(md.get("en")),
                new Source(doc.citation(), text(md.get("section")), text(md.get("sectionNl"))), assumptions.isEmpty() ? null : String.join(" ", assumptions),
                // a missing Dutch text is an error of the manifest already: the pack does not load
                assumptionsNl.isEmpty() || assumptionsNl.contains(null) ? null : String.join(" ", assumptionsNl),
                list(md.get("needs")), uses, text(md.get("limit")), file);
    }

    /** Metadata values come back as strings, possibly still quoted, depending on the compiler. */
    private static String text(Object v) {
        if (v == null) return null;
        String s = v.toString().trim();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) s = s.substring(1, s.length() - 1);
        return s.isEmpty() ? null : s;
    }

    /** A space- or comma-separated list in one metadata value. */
    private static List<String> list(Object v) {
        String s = text(v);
        if (s == null) return List.of();
        return Arrays.stream(s.split("[,\\s]+")).filter(x -> !x.isEmpty()).toList();
    }

    private static String fileOfRule(RuleMeta r, Map<String, Path> byKiePath, Path root) {
        if (r.sourcePath() != null) {
            Path real = byKiePath.get(r.sourcePath());
            if (real != null) return rel(root, real);
        }
        // The executable model does not keep the resource: find the file that declares the rule.
        for (Path drl : byKiePath.values()) {
            if (lineOf(root, rel(root, drl), r.name()) > 0) return rel(root, drl);
        }
        return "?";
    }

    /**
     * An error at the word written in the rule's metadata (the line of {@code key} below the rule's declaration that
     * holds {@code word}, at the word), else at the rule's declaration.
     */
    private static CompileError at(Path root, RuleInfo r, String key, String word, String message) {
        int ruleLine = lineOf(root, r);
        try {
            List<String> lines = Files.readAllLines(root.resolve(r.file()), StandardCharsets.UTF_8);
            for (int i = Math.max(ruleLine, 1); i < lines.size() && !lines.get(i).trim().equals("when"); i++) {
                String s = lines.get(i);
                int k = s.indexOf(key);
                int w = k < 0 ? -1 : s.indexOf(word, k);
                if (w >= 0) return new CompileError(r.file(), i + 1, w + 1, message);
            }
        } catch (IOException | RuntimeException e) {
            // the declaration's line is still right
        }
        return new CompileError(r.file(), ruleLine, 0, message);
    }

    private static int lineOf(Path root, RuleInfo r) {
        return lineOf(root, r.file(), r.name());
    }

    /** The line of {@code rule "name"} in the file, or 0. */
    private static int lineOf(Path root, String file, String ruleName) {
        Path p = root.resolve(file);
        if (!Files.isRegularFile(p)) return 0;
        List<String> lines;
        try {
            lines = Files.readAllLines(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return 0;
        }
        String needle = "rule \"" + ruleName + "\"";
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).trim().startsWith(needle)) return i + 1;
        return 0;
    }

    private static String fileOf(String kiePath, Map<String, Path> byKiePath, Path root, String fallback) {
        if (kiePath == null) return fallback;
        Path real = byKiePath.get(kiePath);
        if (real == null) {
            for (Map.Entry<String, Path> e : byKiePath.entrySet()) {
                if (kiePath.endsWith(e.getKey()) || e.getKey().endsWith(kiePath)) real = e.getValue();
            }
        }
        return real == null ? kiePath : rel(root, real);
    }

    private static final java.util.regex.Pattern PACKAGE = java.util.regex.Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)");

    private static String packageFolder(Path drl) {
        java.util.regex.Matcher m = PACKAGE.matcher(new String(read(drl), StandardCharsets.UTF_8));
        return m.find() ? m.group(1).replace('.', '/') : "callcheck/packs";
    }

    static List<Path> drlFiles(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(f -> f.toString().endsWith(".drl") && Files.isRegularFile(f)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    /**
     * The digest the version folder would compile to, as {@link RulePack#digest}, without compiling it; null when its
     * manifest or includes cannot be read (compiling it then says why). Equal digests mean equal packs, so a pack
     * already compiled can serve again instead of being compiled anew.
     */
    public static String digest(Path rules, Path versionFolder) {
        try {
            Path root = rules.toAbsolutePath().normalize();
            Path folder = versionFolder.toAbsolutePath().normalize();
            if (Extension.extendsOf(folder) != null) return digest(deltaFiles(root, Extension.resolve(root, folder)));
            String manifestFile = rel(root, folder.resolve(MANIFEST));
            List<CompileError> errors = new ArrayList<>();
            List<Included> included = included(root, readYaml(folder.resolve(MANIFEST), manifestFile, Manifest.class), manifestFile, errors);
            if (!errors.isEmpty()) return null;
            List<Path> folders = new ArrayList<>(List.of(folder));
            for (Included inc : included) folders.add(inc.folder());
            return digest(root, folders);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * sha256 over the relative path and bytes of every file of the pack's folders (its own and those it includes)
     * and of the reference data, in path order.
     */
    static String digest(Path root, List<Path> folders) {
        return digest(files(root, folders));
    }

    /**
     * The files a pack's digest covers, by path relative to the rules folder, in path order: those of its own folder,
     * of the modules it includes and of the reference data. Written out under a folder in the same places, they
     * compile to the same pack with the same digest ({@link ArchivedPack}).
     */
    static Map<String, byte[]> files(Path root, List<Path> folders) {
        try {
            List<Path> files = new ArrayList<>();
            List<Path> dirs = new ArrayList<>(folders);
            dirs.add(root.resolve(REFERENCE_DIR));
            for (Path dir : dirs) {
                if (!Files.isDirectory(dir)) continue;
                try (Stream<Path> s = Files.walk(dir)) {
                    s.filter(Files::isRegularFile).forEach(files::add);
                }
            }
            files.sort(Comparator.comparing(f -> rel(root, f)));
            Map<String, byte[]> out = new LinkedHashMap<>();
            for (Path f : files) out.put(rel(root, f), Files.readAllBytes(f));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What a KieBase compiles from: the DRL files' names (as given to Drools) and bytes, and whether they are call-level
     * rules. Parameters and reference data are facts, not compiled in, so they are not part of it.
     */
    static String sourcesKey(Map<String, byte[]> sources, boolean round) {
        Map<String, byte[]> named = new LinkedHashMap<>(sources);
        named.put(round ? "round" : "checks", new byte[0]);
        return "rules:" + digest(named).substring("sha256:".length());
    }

    /** sha256 over each file's relative path and bytes, in path order, as "sha256:hex". */
    static String digest(Map<String, byte[]> files) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            List<String> paths = new ArrayList<>(files.keySet());
            paths.sort(Comparator.naturalOrder());
            for (String path : paths) {
                sha.update(path.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(files.get(path));
                sha.update((byte) 0);
            }
            return "sha256:" + java.util.HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String rel(Path root, Path p) {
        Path a = p.toAbsolutePath().normalize();
        return (a.startsWith(root) ? root.relativize(a) : a).toString().replace('\\', '/');
    }

    private static String sanitize(String s) {
        return s.replaceAll("[^A-Za-z0-9_./]", "_");
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
