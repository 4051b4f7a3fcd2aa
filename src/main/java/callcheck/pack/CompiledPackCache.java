package callcheck.pack;

import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.model.Model;
import org.drools.model.codegen.ExecutableModelProject;
import org.drools.modelcompiler.KieBaseBuilder;
import org.kie.api.KieBase;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.conf.SequentialOption;
import org.kie.api.definition.KiePackage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Compiled packs kept on disk, so that a pack compiled once loads in a fraction of its compile time at the next start.
 * An entry is the pack compiled to Drools' executable model (a KJAR of Java classes: the fastest form to load, and
 * about 1.2 times as fast to evaluate as DRL, BENCHMARKS.md), named by a key over the sources it compiles from
 * ({@link PackLoader#sourcesKey}: the DRL files of the pack and of the modules it includes), callcheck's own code, the
 * Drools version and the entry format: whatever would compile differently has another key, so an entry is never stale,
 * only unused. Parameters and reference data are facts given to each evaluation, not compiled in: a version that
 * changes only them, or a copy of a version, uses the same entry.
 * <p>
 * A miss costs little: the pack compiles as its options say (DRL by default, the fastest to compile and the one whose
 * errors the analysts see) and serves, and its compiled packages are written at once, as Drools serializes them (a
 * second form of entry, tens of milliseconds to write and to read back: what the analyst's next {@code validate} or
 * {@code test} loads). One background thread then compiles the executable model and stores it for the next load,
 * once {@link #release()} says the loading is done (on two cores it would otherwise slow the start it is meant to
 * speed up); a short-lived command does not wait for it (two seconds of the analyst's loop, measured in
 * BENCHMARKS.md), a server does it while serving. A load takes the executable model when there is one, else the
 * serialized packages. An entry of the executable model carries its rules' metadata beside the KJAR: a load checks the
 * entry (header, checksum) and lists the rules from it, and the classes are defined on the pack's first use
 * ({@link #materialise}; {@link CompiledRules}). An entry whose header or checksum is wrong is deleted at the load, one
 * whose classes do not load when they are first defined; either is built again, never served. Writes go to a
 * temporary file moved into place, so a reader sees a whole entry or none.
 */
public final class CompiledPackCache implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CompiledPackCache.class);
    /**
     * The entry format; a new one makes every older entry unused. 2: the rules' metadata ({@link RuleMeta}) before the
     * KJAR, so that a load checks and lists the rules without defining their classes.
     */
    static final String FORMAT = "callcheck-pack-cache 2";
    /** The format of an entry of rules compiled from DRL: Drools' own serialized packages. */
    static final String DRL_FORMAT = "callcheck-pack-cache drl 1";
    private static final String SUFFIX = ".kjar";
    private static final String DRL_SUFFIX = ".drl-packages";
    private static final AtomicLong BUILDS = new AtomicLong();

    private final Path dir;
    private final String codeVersion;
    private final AtomicInteger hits = new AtomicInteger();
    private final AtomicInteger misses = new AtomicInteger();
    private final AtomicInteger stored = new AtomicInteger();
    private final AtomicInteger storedPackages = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();
    private volatile ExecutorService background;
    private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);

    /** A cache in the folder (made when first written to), keyed with this build of callcheck and Drools. */
    public CompiledPackCache(Path dir) {
        this(dir, callcheckVersion() + " drools " + droolsVersion());
    }

    /** A cache keyed with the given code version: tests change it to see every entry become unused. */
    public CompiledPackCache(Path dir, String codeVersion) {
        this.dir = dir.toAbsolutePath().normalize();
        this.codeVersion = codeVersion;
    }

    public Path directory() {
        return dir;
    }

    /** Packs loaded from an entry. */
    public int hits() {
        return hits.get();
    }

    /** Rules that had no usable entry, so compiled (an entry of other sources or another code version is not looked at). */
    public int misses() {
        return misses.get();
    }

    /** Entries of the executable model written. */
    public int stored() {
        return stored.get();
    }

    /** Entries of serialized packages (rules compiled from DRL) written. */
    public int storedPackages() {
        return storedPackages.get();
    }

    /** Entries found corrupt and deleted. */
    public int rejected() {
        return rejected.get();
    }

    /** The entry's key: the sources' key, the code that compiles and runs them, and the entry format. */
    String key(String sources) {
        return sha256((FORMAT + "\n" + codeVersion + "\n" + sources).getBytes(StandardCharsets.UTF_8));
    }

    Path entry(String sources) {
        return dir.resolve(key(sources) + SUFFIX);
    }

    /**
     * What an entry gives for the rules with these sources (their key): rules compiled from DRL as their KieBase, read at
     * once (tens of milliseconds); the executable model as a checked {@link Entry} whose classes are defined when it is
     * first used ({@link #materialise}). Null when there is no entry or it is corrupt (then it is deleted).
     */
    Hit lookup(String sources, boolean sequential) {
        Path file = entry(sources);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            KieBase fromDrl = loadDrl(sources, sequential);
            if (fromDrl == null) misses.incrementAndGet();
            else hits.incrementAndGet();
            return fromDrl == null ? null : new Hit(fromDrl, null);
        } catch (IOException e) {
            misses.incrementAndGet();
            LOG.warn("cannot read compiled pack {}: {}", file, e.toString());
            return null;
        }
        try {
            // The header and the checksum over the whole entry now, so that a damaged file is found at the start.
            var in = new java.io.DataInputStream(new ByteArrayInputStream(unwrap(bytes, key(sources), FORMAT)));
            List<RuleMeta> rules = RuleMeta.read(in);
            byte[] kjar = in.readAllBytes();
            hits.incrementAndGet();
            return new Hit(null, new Entry(sources, rules, kjar));
        } catch (RuntimeException | IOException e) {
            reject(file, e);
            return null;
        }
    }

    /** Rules read from the cache: their KieBase (compiled from DRL), or the executable model's entry still to define. */
    record Hit(KieBase kieBase, Entry entry) {
    }

    /** An entry of the executable model whose header and checksum are right, its rules' metadata read, its classes not yet defined. */
    static final class Entry {
        private final String sources;
        private final List<RuleMeta> rules;
        private byte[] kjar;

        private Entry(String sources, List<RuleMeta> rules, byte[] kjar) {
            this.sources = sources;
            this.rules = rules;
            this.kjar = kjar;
        }

        List<RuleMeta> rules() {
            return rules;
        }
    }

    /**
     * Defines the entry's classes and makes its KieBase (once: the bytes are let go), sequential as the options say;
     * null when they do not load (a file damaged past its checksum's notice, or written wrong): then the entry is
     * deleted, counted rejected and a miss, and the caller compiles the rules.
     */
    KieBase materialise(Entry e, boolean sequential) {
        byte[] kjar;
        synchronized (e) {
            kjar = e.kjar;
            e.kjar = null;
        }
        if (kjar == null) throw new IllegalStateException("the entry of " + e.sources + " was made into a KieBase before");
        try {
            return kieBase(kjar, sequential);
        } catch (RuntimeException | LinkageError | IOException x) {
            hits.decrementAndGet();
            reject(entry(e.sources), x);
            return null;
        }
    }

    private void reject(Path file, Throwable why) {
        rejected.incrementAndGet();
        misses.incrementAndGet();
        LOG.warn("compiled pack {} is corrupt ({}): deleted, compiling again", file, why.toString());
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // written over by the next store
        }
    }

    /** The rules from their serialized packages, or null when there is no such entry or it is corrupt (then deleted). */
    private KieBase loadDrl(String sources, boolean sequential) {
        Path file = drlEntry(sources);
        try {
            byte[] packages = unwrap(Files.readAllBytes(file), key(sources), DRL_FORMAT);
            List<KiePackage> read;
            try (var in = new DroolsObjectInputStream(new ByteArrayInputStream(packages), CompiledPackCache.class.getClassLoader())) {
                @SuppressWarnings("unchecked")
                List<KiePackage> list = (List<KiePackage>) in.readObject();
                read = list;
            }
            KieBaseConfiguration conf = KieServices.Factory.get().newKieBaseConfiguration(null, CompiledPackCache.class.getClassLoader());
            conf.setOption(sequential ? SequentialOption.YES : SequentialOption.NO);
            org.drools.kiesession.rulebase.InternalKnowledgeBase kieBase = org.drools.kiesession.rulebase.KnowledgeBaseFactory.newKnowledgeBase(conf);
            kieBase.addPackages(read);
            return kieBase;
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
            rejected.incrementAndGet();
            LOG.warn("compiled pack {} is corrupt ({}): deleted, compiling again", file, e.toString());
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // written over by the next store
            }
            return null;
        }
    }

    Path drlEntry(String sources) {
        return dir.resolve(key(sources) + DRL_SUFFIX);
    }

    /**
     * Stores rules just compiled from DRL as Drools serializes their packages, on the calling thread (tens of
     * milliseconds): the next command loads them instead of compiling. A failure is logged; the next load compiles.
     */
    void storeCompiled(String sources, KieBase kieBase) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (var out = new DroolsObjectOutputStream(bytes)) {
            out.writeObject(new ArrayList<>(kieBase.getKiePackages()));
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not cache the compiled pack {}: {}", sources, e.toString());
            return;
        }
        write(sources, DRL_FORMAT, DRL_SUFFIX, bytes.toByteArray());
    }

    /** Stores the executable model of a pack already compiled to it, with its rules' metadata. */
    void store(String sources, org.kie.api.builder.KieModule executableModel, List<RuleMeta> rules) {
        byte[] content;
        try {
            content = withRules(rules, ((InternalKieModule) executableModel).getBytes());
        } catch (IOException e) {
            LOG.warn("could not cache the compiled pack {}: {}", sources, e.toString());
            return;
        }
        write(sources, FORMAT, SUFFIX, content);
    }

    /** An entry's content: the rules' metadata, then the KJAR. */
    private static byte[] withRules(List<RuleMeta> rules, byte[] kjar) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(kjar.length + 8192);
        try (var out = new java.io.DataOutputStream(bytes)) {
            RuleMeta.write(rules, out);
            out.write(kjar);
        }
        return bytes.toByteArray();
    }

    /**
     * The executable model stored for these sources, its classes defined now; null when there is none (only rules
     * compiled from DRL, or no entry) or it does not load (then deleted).
     */
    KieBase loadExecutable(String sources, boolean sequential) {
        if (!Files.isRegularFile(entry(sources))) return null;
        Hit hit = lookup(sources, sequential);
        return hit == null || hit.entry() == null ? null : materialise(hit.entry(), sequential);
    }

    /** Stores the executable model compiled for these sources with its rules' metadata, unless stored before. */
    void storeExecutable(String sources, byte[] kjar, List<RuleMeta> rules) {
        if (Files.isRegularFile(entry(sources))) return;
        try {
            write(sources, FORMAT, SUFFIX, withRules(rules, kjar));
        } catch (IOException e) {
            LOG.warn("could not cache the compiled pack {}: {}", sources, e.toString());
        }
    }

    /**
     * Compiles the executable model of these DRL sources (KIE path to bytes) on the background thread and stores it
     * with the rules' metadata (as the rules compiled from them now have it); a failure is logged, and the next load of
     * the pack tries again.
     */
    void storeLater(String key, Map<String, byte[]> sources, List<RuleMeta> rules) {
        if (Files.isRegularFile(entry(key))) return;
        Map<String, byte[]> copy = Map.copyOf(sources);
        executor().execute(() -> {
            try {
                released.await();
                if (Files.isRegularFile(entry(key))) return; // another loader of the same sources stored it
                write(key, FORMAT, SUFFIX, withRules(rules, compileExecutable(copy)));
            } catch (RuntimeException | IOException e) {
                LOG.warn("could not cache the compiled pack {}: {}", key, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // closed: the next load compiles it again
            }
        });
    }

    /** Lets the background thread store the packs compiled so far and those compiled from now on (reloads). */
    public void release() {
        released.countDown();
    }

    /**
     * Releases the background thread, then waits until the packs queued so far are stored (a short-lived command calls
     * it before exiting). True when nothing is left to store (after {@link #close()}, what it dropped is not), false when
     * the time ran out.
     */
    public boolean awaitStored(long timeout, TimeUnit unit) throws InterruptedException {
        release();
        ExecutorService b = background;
        if (b == null) return true;
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        try {
            b.execute(done::countDown);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return b.awaitTermination(timeout, unit); // finishing what was queued before it closed
        }
        return done.await(timeout, unit);
    }

    /**
     * Takes no more packs, but lets those queued finish storing on the background thread (a daemon: a process that exits
     * first loses them, the next load compiles them again).
     */
    public void finishQueued() {
        ExecutorService b = background;
        if (b != null) b.shutdown();
    }

    /** Stops the background thread; compiles not started are dropped (the next load starts them again). */
    @Override
    public void close() {
        ExecutorService b = background;
        if (b != null) b.shutdownNow();
    }

    private synchronized ExecutorService executor() {
        if (background == null) {
            background = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "pack-cache");
                t.setDaemon(true);
                t.setPriority(Thread.MIN_PRIORITY); // behind the requests and the start-up's own compiles
                return t;
            });
        }
        return background;
    }

    /** The executable model of these DRL sources (KIE path to bytes), as a KJAR. */
    static byte[] compileExecutable(Map<String, byte[]> sources) {
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        ReleaseId releaseId = ks.newReleaseId("callcheck.cache", "pack", "1.0." + BUILDS.incrementAndGet());
        kfs.generateAndWritePomXML(releaseId);
        sources.forEach(kfs::write);
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll(ExecutableModelProject.class);
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) throw new IllegalStateException("the executable model does not compile: " + errors.get(0).getText());
        org.kie.api.builder.KieModule module = builder.getKieModule();
        ks.getRepository().removeKieModule(module.getReleaseId());
        return ((InternalKieModule) module).getBytes();
    }

    /** Writes an entry: header (format, key, checksum of the content), then the content (a KJAR...); whole or not at all. */
    private void write(String sources, String format, String suffix, byte[] kjar) {
        String key = key(sources);
        byte[] header = (format + "\n" + key + "\n" + sha256(kjar) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, key, ".tmp");
            try {
                try (var out = Files.newOutputStream(tmp)) {
                    out.write(header);
                    out.write(kjar);
                }
                try {
                    Files.move(tmp, dir.resolve(key + suffix), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, dir.resolve(key + suffix), StandardCopyOption.REPLACE_EXISTING);
                }
                (suffix.equals(SUFFIX) ? stored : storedPackages).incrementAndGet();
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            LOG.warn("cannot write the compiled pack cache {}: {}", dir, e.toString());
        }
    }

    /** The KJAR of an entry, once its header names this key and its checksum matches; otherwise an IOException. */
    private static byte[] unwrap(byte[] entry, String key, String format) throws IOException {
        int at = 0;
        String[] lines = new String[3];
        for (int i = 0; i < 3; i++) {
            int nl = indexOf(entry, (byte) '\n', at);
            if (nl < 0 || nl - at > 200) throw new IOException("no header");
            lines[i] = new String(entry, at, nl - at, StandardCharsets.UTF_8);
            at = nl + 1;
        }
        if (!lines[0].equals(format)) throw new IOException("format '" + lines[0] + "'");
        if (!lines[1].equals(key)) throw new IOException("entry of another key");
        byte[] kjar = Arrays.copyOfRange(entry, at, entry.length);
        if (!lines[2].equals(sha256(kjar))) throw new IOException("checksum does not match");
        return kjar;
    }

    private static int indexOf(byte[] b, byte x, int from) {
        for (int i = from; i < b.length; i++) if (b[i] == x) return i;
        return -1;
    }

    /**
     * A KieBase straight from the KJAR's generated classes: each model class the KJAR lists is instantiated in a class
     * loader of its own (parent: callcheck's, which holds the classes the rules import) and handed to Drools. No
     * kmodule.xml, repository or container is involved, and nothing compiles.
     */
    /** The KieBase of an executable model's KJAR, its classes in a loader of their own. */
    static KieBase kieBase(byte[] kjar, boolean sequential) throws IOException {
        Map<String, byte[]> classes = new HashMap<>();
        List<String> models = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(kjar))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                String name = e.getName();
                if (name.endsWith(".class")) {
                    classes.put(name.substring(0, name.length() - ".class".length()).replace('/', '.'), zip.readAllBytes());
                } else if (name.startsWith("META-INF/kie/") && name.endsWith("/drools-model")) {
                    for (String line : new String(zip.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                        String l = line.trim();
                        if (!l.isEmpty() && !l.startsWith("Drools-Model-Version")) models.add(l);
                    }
                }
            }
        }
        if (models.isEmpty()) throw new IOException("the KJAR lists no rule model");
        ClassLoader loader = new EntryClassLoader(CompiledPackCache.class.getClassLoader(), classes);
        List<Model> instances = new ArrayList<>();
        for (String m : models) {
            try {
                instances.add((Model) loader.loadClass(m).getConstructor().newInstance());
            } catch (ReflectiveOperationException | ClassCastException e) {
                throw new IOException("rule model " + m + ": " + e, e);
            }
        }
        KieBaseConfiguration conf = KieServices.Factory.get().newKieBaseConfiguration(null, loader);
        conf.setOption(sequential ? SequentialOption.YES : SequentialOption.NO);
        return KieBaseBuilder.createKieBaseFromModel(instances, conf);
    }

    /** Defines the classes of one entry on demand. */
    private static final class EntryClassLoader extends ClassLoader {
        static {
            registerAsParallelCapable();
        }

        private final Map<String, byte[]> classes;

        EntryClassLoader(ClassLoader parent, Map<String, byte[]> classes) {
            super(parent);
            this.classes = classes;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] b = classes.get(name);
            if (b == null) throw new ClassNotFoundException(name);
            return defineClass(name, b, 0, b.length);
        }
    }

    /** The Drools version, from drools-core's own resource (kept in the runnable jar, unlike the jars' manifests). */
    static String droolsVersion() {
        try (InputStream in = KieBaseBuilder.class.getClassLoader().getResourceAsStream("drools.versions.properties")) {
            if (in == null) return "unknown";
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("drools.version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static volatile String callcheckVersion;

    /**
     * callcheck's own code as the cache sees it: sha256 over the bytes of every callcheck class, read from the jar or
     * the classes folder this class came from. A rebuilt jar with the same version number but other code gets another
     * value; rebuilding the same code keeps the entries.
     */
    static String callcheckVersion() {
        String v = callcheckVersion;
        if (v == null) callcheckVersion = v = "callcheck " + hashOwnClasses();
        return v;
    }

    private static String hashOwnClasses() {
        CodeSource source = CompiledPackCache.class.getProtectionDomain().getCodeSource();
        try {
            Path where = source == null ? null : Path.of(source.getLocation().toURI());
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            if (where != null && Files.isDirectory(where)) {
                List<Path> files;
                try (Stream<Path> s = Files.walk(where.resolve("callcheck"))) {
                    files = s.filter(f -> f.toString().endsWith(".class")).sorted().toList();
                }
                for (Path f : files) {
                    sha.update(where.relativize(f).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
                    sha.update(Files.readAllBytes(f));
                }
            } else if (where != null && Files.isRegularFile(where)) {
                try (JarFile jar = new JarFile(where.toFile())) {
                    List<java.util.jar.JarEntry> entries = jar.stream()
                            .filter(e -> e.getName().startsWith("callcheck/") && e.getName().endsWith(".class"))
                            .sorted(java.util.Comparator.comparing(ZipEntry::getName)).toList();
                    for (java.util.jar.JarEntry e : entries) {
                        sha.update(e.getName().getBytes(StandardCharsets.UTF_8));
                        try (InputStream in = jar.getInputStream(e)) {
                            sha.update(in.readAllBytes());
                        }
                    }
                }
            } else {
                // Neither a folder nor a jar: never reuse an entry across processes rather than risk a stale one.
                return "unknown " + System.nanoTime();
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException | NoSuchAlgorithmException | IllegalArgumentException e) {
            return "unknown " + System.nanoTime();
        }
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
