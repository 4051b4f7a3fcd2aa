package callcheck.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.DriverDataSource;
import org.h2.api.ErrorCode;
import org.flywaydb.core.Flyway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/** The store on H2 or PostgreSQL through plain JDBC, a HikariCP pool, and the schema Flyway keeps. */
final class JdbcStore implements DecisionStore {
    /** How long a caller waits for its record's commit, and for a connection, before the store counts as unavailable. */
    static final long WAIT_MILLIS = 5_000;
    private static final String DECISION_COLUMNS = "id, received_at, asked_by, call_id, version, digest, verdict, took_micros";
    private static final String ROUND_COLUMNS = "id, received_at, asked_by, call_id, version, digest, took_micros, request_json, result_json";
    private static final String KEY_COLUMNS = "asked_by, idem_key, request_hash, answer_id";

    private final HikariDataSource pool;
    private final boolean h2;
    /** The embedded store's folder; null for PostgreSQL. */
    private final Path dataFolder;
    /** The PostgreSQL URL, for the connection that listens for activations; null on H2. */
    private String listenUrl;
    private final GroupCommit<Record> writer;
    /** Digests known to be archived, so that a record checks the database for its pack once per digest. */
    private final Set<String> archived = ConcurrentHashMap.newKeySet();
    /** Whether the last record (or, after a failed one, a probe's write) was committed. */
    private volatile boolean available = true;
    /** Checks, while the store is unavailable, whether the database records again. */
    private final java.util.concurrent.ScheduledExecutorService probe = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "store-probe");
        t.setDaemon(true);
        return t;
    });

    /**
     * What one caller hands in: decisions (one for an evaluation, any number for a round), their pack, the round or
     * null, its Idempotency-Key or null; the writer sets {@code heldBy} when another record holds the key.
     */
    private record Record(List<Decision> decisions, Pack pack, RoundRecord round, IdempotencyKey key,
                          AtomicReference<IdempotencyKey> heldBy) {
        Record(List<Decision> decisions, Pack pack, RoundRecord round, IdempotencyKey key) {
            this(decisions, pack, round, key, new AtomicReference<>());
        }
    }

    /** When the writer last deleted the expired Idempotency-Keys (it does so hourly, in a batch's transaction). */
    private long keysPurgedAt;
    /** Tests: runs before each batch is written (to hold the writer as a stalled database would). */
    private volatile Runnable beforeWrite = () -> { };
    /** Tests: runs between a batch's commit and its checkpoint (where a busy machine may pause the writer). */
    private volatile Runnable afterCommit = () -> { };

    private JdbcStore(HikariDataSource pool, boolean h2, Path dataFolder) {
        this.pool = pool;
        this.h2 = h2;
        this.dataFolder = dataFolder;
        this.writer = new GroupCommit<>("decision-writer", this::write, WAIT_MILLIS);
        probe.scheduleWithFixedDelay(this::probe, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
        if (h2) {
            probe.scheduleWithFixedDelay(this::upkeep, EmbeddedUpkeep.PERIOD_MILLIS, EmbeddedUpkeep.PERIOD_MILLIS,
                    java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    private final EmbeddedUpkeep upkeep = new EmbeddedUpkeep();

    /** Tests: one upkeep run now, on the thread that runs them. */
    void upkeepNow() throws Exception {
        probe.submit(this::upkeep).get();
    }

    /** The embedded store's compaction while it runs (EmbeddedUpkeep), on the probe's thread. */
    private void upkeep() {
        if (!available) return;
        try (Connection c = pool.getConnection()) {
            upkeep.run(c);
        } catch (SQLException | RuntimeException e) {
            // the next run tries again; a store that fails for good shows in the records
            org.slf4j.LoggerFactory.getLogger(JdbcStore.class).debug("compacting the store: {}", e.toString());
        }
    }

    /**
     * While records fail: lets go of every connection (H2 closes a database on a write error, and a connection to it
     * stays dead though a ping may pass), then writes for real, as a record does, on a new one.
     */
    private void probe() {
        if (available) return;
        pool.getHikariPoolMXBean().softEvictConnections();
        String digest = "probe:" + java.util.UUID.randomUUID();
        try (Connection c = pool.getConnection()) {
            inTransaction(c, () -> {
                update(c, "INSERT INTO pack (digest, call_id, version, archived_at) VALUES (?, '-', '-', 0)", digest);
                update(c, "DELETE FROM pack WHERE digest = ?", digest);
            });
            if (h2) checkpoint(c);
            available = true;
            if (dataFolder != null) restrict(dataFolder); // H2 made its lock file anew when it reopened
        } catch (SQLException | RuntimeException e) {
            // still failing; the next probe tries again
        }
    }

    @Override
    public boolean available() {
        return available;
    }

    @Override
    public boolean writing() {
        return writer.running();
    }

    static JdbcStore open(String url, Path dataFolder) {
        return open(url, dataFolder, null);
    }

    /** @param connections wraps the database's connections (tests inject faults with it); null: none */
    static JdbcStore open(String url, Path dataFolder, UnaryOperator<DataSource> connections) {
        boolean h2 = url == null;
        if (h2) {
            // No AUTO_SERVER: it opens a TCP port on every interface, its key in the lock file; one process has the
            // file. H2 closes it in its own shutdown hook: a request still in flight when the process stops gets 503
            // store_unavailable, never a verdict that is not recorded.
            dataFolder = dataFolder.toAbsolutePath().normalize();
            createPrivate(dataFolder);
            url = h2Url(dataFolder);
        } else if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("the store must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database?user=...), not " + url);
        }
        HikariConfig config = new HikariConfig();
        if (connections == null) config.setJdbcUrl(url);
        else config.setDataSource(connections.apply(new DriverDataSource(url, null, new Properties(), null, null)));
        config.setPoolName("callcheck-store");
        config.setMaximumPoolSize(h2 ? 4 : 8);
        config.setMinimumIdle(1);
        // Shorter than a caller's wait: a writer without a connection fails its batch while the callers still wait, so
        // they are told that nothing was recorded (store_unavailable) rather than that it may have been (store_timeout).
        config.setConnectionTimeout(WAIT_MILLIS / 2);
        config.setValidationTimeout(2_000);
        config.setInitializationFailTimeout(WAIT_MILLIS);
        // Proposals hold organisations' data: PostgreSQL's errors leave the values out of the messages that get logged.
        if (!h2) config.addDataSourceProperty("logServerErrorDetail", "false");
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            if (h2 && inUse(e)) throw new StoreInUseException(dataFolder, e);
            throw e;
        }
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        if (h2) {
            restrict(dataFolder);
            try (Connection c = pool.getConnection()) {
                EmbeddedUpkeep.configure(c);
            } catch (SQLException e) {
                pool.close();
                throw new StoreUnavailableException("cannot open the store in " + dataFolder + ": " + e.getMessage(), e);
            }
        }
        JdbcStore store = new JdbcStore(pool, h2, h2 ? dataFolder : null);
        if (!h2) store.listenUrl = url;
        return store;
    }

    /**
     * The embedded store's URL for a folder (absolute and normalized).
     * <ul>
     * <li>WRITE_DELAY=0: H2 writes in the thread that commits, not in threads of its own. From its own threads a write
     * could be acknowledged before it reached the file (a checkpoint that found the change already handed to them
     * returned at once), and a write failing there left the database open, showing from memory what the file never
     * got (AcknowledgedIsWrittenTest).</li>
     * <li>COMPRESS=TRUE: pages written compressed (LZF); a decision's JSON compresses well, and the file is then about
     * half the size (BENCHMARKS.md, "The store's size").</li>
     * <li>MAX_COMPACT_TIME: when the service stops, H2 compacts the file for up to this long (its default, 200 ms,
     * leaves most of a day's chunks as they are); {@link #compact} does it wholly.</li>
     * </ul>
     */
    static String h2Url(Path dataFolder) {
        return "jdbc:h2:file:" + dataFolder.resolve("callcheck") + ";WRITE_DELAY=0;COMPRESS=TRUE;MAX_COMPACT_TIME=" + STOP_COMPACTION_MILLIS;
    }

    /** How long compaction may make a stop last: short beside a stop's grace (HttpServer.STOP_TIMEOUT, 20 s). */
    static final int STOP_COMPACTION_MILLIS = 3_000;

    /**
     * Compacts the embedded store in the folder wholly: every live page rewritten, compressed, at the start of the file
     * (H2's SHUTDOWN COMPACT), so that what the retention erased and what the pages' rewrites left behind is given
     * back. Refused ({@link StoreInUseException}) while a service has the file.
     */
    static DecisionStore.Compacted compact(Path dataFolder) {
        Path folder = dataFolder.toAbsolutePath().normalize();
        Path file = folder.resolve("callcheck.mv.db");
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("there is no embedded store in " + folder + " (no callcheck.mv.db)");
        long before;
        try {
            before = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean shutDown = false;
        try (Connection c = java.sql.DriverManager.getConnection(h2Url(folder) + ";IFEXISTS=TRUE"); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN COMPACT");
            shutDown = true;
        } catch (SQLException e) {
            if (inUse(e)) throw new StoreInUseException(folder, e);
            // closing the connection of a database shut down fails: nothing is left to close
            if (!shutDown) throw new StoreUnavailableException("cannot compact the store in " + folder + ": " + e.getMessage(), e);
        }
        restrict(folder);
        try {
            return new DecisionStore.Compacted(before, Files.size(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** H2's "Database may be already in use": another process has the file open. */
    private static boolean inUse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) return true;
        }
        return false;
    }

    private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    /** The folder, made 0700 before H2 writes into it: the decisions and the token hashes are for its owner only. */
    private static void createPrivate(Path folder) {
        try {
            Files.createDirectories(folder);
            if (posix(folder)) Files.setPosixFilePermissions(folder, OWNER_ONLY_FOLDER);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the store's folder " + folder, e);
        }
    }

    /** The store's files 0600 (H2 makes them with the process's umask, and makes some anew when it reopens). */
    private static void restrict(Path folder) {
        if (!posix(folder)) return;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "callcheck.*")) {
            for (Path f : files) if (Files.isRegularFile(f)) Files.setPosixFilePermissions(f, OWNER_ONLY_FILE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restrict the store's files in " + folder, e);
        }
    }

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    // ---- recording

    @Override
    public IdempotencyKey record(Decision decision, Pack pack, IdempotencyKey key) {
        return submit(new Record(List.of(decision), pack, null, key));
    }

    @Override
    public IdempotencyKey recordRound(RoundRecord round, List<Decision> decisions, Pack pack, IdempotencyKey key) {
        return submit(new Record(List.copyOf(decisions), pack, round, key));
    }

    private IdempotencyKey submit(Record r) {
        writer.submit(r);
        IdempotencyKey held = r.heldBy().get();
        return held != null ? held : r.key();
    }

    void beforeWrite(Runnable hook) {
        beforeWrite = hook;
    }

    void afterCommit(Runnable hook) {
        afterCommit = hook;
    }

    /** One batch, one transaction; on H2 a checkpoint then writes it to the file, so that a killed process keeps it. */
    private void write(List<Record> batch) throws SQLException {
        beforeWrite.run();
        try {
            writeBatch(batch);
            available = true;
        } catch (SQLException | RuntimeException e) {
            available = false;
            // the next record gets a new connection, which reopens a database that closed itself
            pool.getHikariPoolMXBean().softEvictConnections();
            throw e;
        }
    }

    private void writeBatch(List<Record> all) throws SQLException {
        try (Connection c = pool.getConnection()) {
            for (Record r : all) archive(c, r.pack());
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO decision (" + DECISION_COLUMNS
                    + ", proposal, verdict_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                long now = System.currentTimeMillis();
                List<Record> batch = claimKeys(c, all, now);
                for (Record r : batch) for (Decision d : r.decisions()) {
                    s.setString(1, d.id());
                    s.setLong(2, d.receivedAt().toEpochMilli());
                    s.setString(3, d.askedBy());
                    s.setString(4, d.call());
                    s.setString(5, d.version());
                    s.setString(6, d.digest());
                    s.setString(7, d.verdict());
                    s.setLong(8, d.tookMicros());
                    s.setString(9, d.proposalJson());
                    s.setString(10, d.verdictJson());
                    s.addBatch();
                }
                s.executeBatch();
                insertRounds(c, batch);
                if (now - keysPurgedAt > 3_600_000) {
                    update(c, "DELETE FROM idempotency_key WHERE created_at < ?", now - IDEMPOTENCY_WINDOW.toMillis());
                    keysPurgedAt = now;
                }
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                c.setAutoCommit(true);
                throw e;
            }
            try {
                c.commit();
                c.setAutoCommit(true);
                afterCommit.run();
                if (h2) checkpoint(c);
            } catch (SQLException | RuntimeException e) {
                // A commit that fails may have committed (the connection lost with the answer on its way): unknown.
                throw new StoreTimeoutException("the store did not confirm the commit: " + e.getMessage(), e);
            }
        }
    }

    /**
     * H2 writes committed changes to its file in the background (every 500 ms): without this, a process killed after
     * answering could lose what it answered.
     */
    private static void checkpoint(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
        }
    }

    /**
     * Inserts the Idempotency-Keys of the batch's records; leaves out a record whose key is held already (by a record
     * committed before, or one earlier in this batch), with the key that holds it in its {@code heldBy}. A savepoint
     * per key: a key taken by another instance meanwhile refuses that record alone, not the batch (SharedPostgresTest).
     */
    private List<Record> claimKeys(Connection c, List<Record> batch, long now) throws SQLException {
        if (batch.stream().allMatch(r -> r.key() == null)) return batch;
        List<Record> kept = new ArrayList<>(batch.size());
        // In the keys' order, the same on every instance: two batches holding the same keys never wait for each other
        // crosswise, which PostgreSQL would end as a deadlock, failing a whole batch. The sort is stable: of two records
        // of this batch with one key, the first to arrive still holds it.
        List<Record> inOrder = new ArrayList<>(batch);
        inOrder.sort(Comparator.comparing((Record r) -> r.key() == null ? "" : r.key().askedBy())
                .thenComparing(r -> r.key() == null ? "" : r.key().key()));
        for (Record r : inOrder) {
            IdempotencyKey k = r.key();
            if (k == null) {
                kept.add(r);
                continue;
            }
            // An expired key is free again, whether or not the hourly purge has reached it.
            update(c, "DELETE FROM idempotency_key WHERE asked_by = ? AND idem_key = ? AND created_at < ?", k.askedBy(), k.key(),
                    now - IDEMPOTENCY_WINDOW.toMillis());
            Savepoint before = c.setSavepoint();
            try {
                update(c, "INSERT INTO idempotency_key (asked_by, idem_key, request_hash, answer_id, created_at) VALUES (?, ?, ?, ?, ?)",
                        k.askedBy(), k.key(), k.requestHash(), k.answerId(), now);
                c.releaseSavepoint(before);
                kept.add(r);
            } catch (SQLException e) {
                c.rollback(before);
                if (!"23505".equals(e.getSQLState())) throw e; // 23505: unique violation, on H2 and PostgreSQL alike
                // The holder is committed (PostgreSQL waits for it) or in this transaction: either way it is seen here.
                r.heldBy().set(query(c, "SELECT " + KEY_COLUMNS + " FROM idempotency_key WHERE asked_by = ? AND idem_key = ?",
                        List.of(k.askedBy(), k.key()), JdbcStore::idempotencyKey).stream().findFirst().orElseThrow(() -> e));
            }
        }
        return kept;
    }

    private static IdempotencyKey idempotencyKey(ResultSet rs) throws SQLException {
        return new IdempotencyKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
    }

    @Override
    public Optional<IdempotencyKey> idempotencyKey(String askedBy, String key) {
        return query("SELECT " + KEY_COLUMNS + " FROM idempotency_key WHERE asked_by = ? AND idem_key = ? AND created_at >= ?",
                List.of(askedBy, key, System.currentTimeMillis() - IDEMPOTENCY_WINDOW.toMillis()), 1, JdbcStore::idempotencyKey)
                .stream().findFirst();
    }

    private static void insertRounds(Connection c, List<Record> batch) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO call_round (" + ROUND_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            boolean any = false;
            for (Record r : batch) {
                RoundRecord round = r.round();
                if (round == null) continue;
                s.setString(1, round.id());
                s.setLong(2, round.receivedAt().toEpochMilli());
                s.setString(3, round.askedBy());
                s.setString(4, round.call());
                s.setString(5, round.version());
                s.setString(6, round.digest());
                s.setLong(7, round.tookMicros());
                s.setString(8, round.requestJson());
                s.setString(9, round.resultJson());
                s.addBatch();
                any = true;
            }
            if (any) s.executeBatch();
        }
    }

    /** Archives the pack in its own transaction unless it is; another instance archiving it at once is no error. */
    private void archive(Connection c, Pack pack) throws SQLException {
        if (pack == null || archived.contains(pack.digest())) return;
        try {
            if (!exists(c, "SELECT 1 FROM pack WHERE digest = ?", pack.digest())) insertPack(c, pack);
        } catch (SQLException e) {
            if (!exists(c, "SELECT 1 FROM pack WHERE digest = ?", pack.digest())) throw e;
        }
        archived.add(pack.digest());
    }

    private static void insertPack(Connection c, Pack pack) throws SQLException {
        inTransaction(c, () -> {
            update(c, "INSERT INTO pack (digest, call_id, version, archived_at) VALUES (?, ?, ?, ?)",
                    pack.digest(), pack.call(), pack.version(), System.currentTimeMillis());
            for (Map.Entry<String, byte[]> f : pack.files().entrySet()) {
                String sha = sha256(f.getValue());
                if (!exists(c, "SELECT 1 FROM file_content WHERE sha = ?", sha)) insertContent(c, sha, f.getValue());
                update(c, "INSERT INTO pack_file (digest, path, sha) VALUES (?, ?, ?)", pack.digest(), f.getKey(), sha);
            }
        });
    }

    private interface SqlWork {
        void run() throws SQLException;
    }

    /** Runs the work in one transaction on the connection: committed if it returns, rolled back if it throws. */
    private static void inTransaction(Connection c, SqlWork work) throws SQLException {
        c.setAutoCommit(false);
        try {
            work.run();
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /**
     * A file's bytes, unless another instance inserted them meanwhile: packs of one call share their reference files,
     * and another instance may archive another version with the same file at the same moment (SharedPostgresTest).
     * The bytes are the same (the key is their hash), so its row serves this pack as well.
     */
    private static void insertContent(Connection c, String sha, byte[] content) throws SQLException {
        Savepoint before = c.setSavepoint();
        try {
            update(c, "INSERT INTO file_content (sha, content) VALUES (?, ?)", sha, content);
            c.releaseSavepoint(before);
        } catch (SQLException e) {
            c.rollback(before);
            if (!"23505".equals(e.getSQLState())) throw e; // unique violation, as in claimKeys
        }
    }

    // ---- reading

    @Override
    public Optional<Decision> find(String id) {
        return query("SELECT " + DECISION_COLUMNS + ", proposal, verdict_json FROM decision WHERE id = ?", List.of(id), 1,
                rs -> decision(rs, true)).stream().findFirst();
    }

    @Override
    public Optional<RoundRecord> findRound(String id) {
        return query("SELECT " + ROUND_COLUMNS + " FROM call_round WHERE id = ?", List.of(id), 1,
                rs -> new RoundRecord(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getLong(7), rs.getString(8), rs.getString(9))).stream().findFirst();
    }

    @Override
    public Page list(Filter filter, String afterId, int limit) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = where(filter, args);
        if (afterId != null) {
            where.append(where.isEmpty() ? " WHERE " : " AND ").append("id < ?");
            args.add(afterId);
        }
        args.add(limit + 1);
        List<Decision> found = query("SELECT " + DECISION_COLUMNS + " FROM decision" + where + " ORDER BY id DESC LIMIT ?",
                args, limit + 1, rs -> decision(rs, false));
        if (found.size() <= limit) return new Page(found, null);
        List<Decision> page = found.subList(0, limit);
        return new Page(page, page.get(limit - 1).id());
    }

    @Override
    public void export(Filter filter, boolean summaries, Consumer<Decision> each) {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT " + DECISION_COLUMNS + (summaries ? "" : ", proposal, verdict_json") + " FROM decision" + where(filter, args)
                + " ORDER BY id";
        try (Connection c = pool.getConnection()) {
            // PostgreSQL streams a result only inside a transaction with a fetch size; otherwise it reads all first.
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setFetchSize(500);
                bind(s, args);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) each.accept(decision(rs, !summaries));
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private static StringBuilder where(Filter f, List<Object> args) {
        List<String> terms = new ArrayList<>();
        if (f.call() != null) { terms.add("call_id = ?"); args.add(f.call()); }
        if (f.version() != null) { terms.add("version = ?"); args.add(f.version()); }
        if (f.verdict() != null) { terms.add("verdict = ?"); args.add(f.verdict()); }
        if (f.from() != null) { terms.add("received_at >= ?"); args.add(f.from().toEpochMilli()); }
        if (f.to() != null) { terms.add("received_at < ?"); args.add(f.to().toEpochMilli()); }
        return new StringBuilder(terms.isEmpty() ? "" : " WHERE " + String.join(" AND ", terms));
    }

    private static Decision decision(ResultSet rs, boolean full) throws SQLException {
        return new Decision(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getLong(8),
                full ? rs.getString(9) : null, full ? rs.getString(10) : null);
    }

    @Override
    public Optional<Pack> pack(String digest) {
        List<String[]> head = query("SELECT call_id, version FROM pack WHERE digest = ?", List.of(digest), 1,
                rs -> new String[]{rs.getString(1), rs.getString(2)});
        if (head.isEmpty()) return Optional.empty();
        Map<String, byte[]> files = new LinkedHashMap<>();
        query("SELECT f.path, c.content FROM pack_file f JOIN file_content c ON c.sha = f.sha WHERE f.digest = ? ORDER BY f.path",
                List.of(digest), Integer.MAX_VALUE, rs -> files.put(rs.getString(1), rs.getBytes(2)));
        return Optional.of(new Pack(digest, head.get(0)[0], head.get(0)[1], files));
    }

    // ---- activations

    /** The channel of PostgreSQL's NOTIFY on which every recorded activation is announced (its payload: the call). */
    static final String ACTIVATIONS_CHANNEL = "callcheck_activations";

    @Override
    public void archive(Pack pack) {
        try (Connection c = pool.getConnection()) {
            archive(c, pack);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    @Override
    public List<Pack> archivedLike(String digestPrefix) {
        return query("SELECT digest, call_id, version FROM pack WHERE digest LIKE ? ORDER BY digest",
                List.of(digestPrefix.replace("\\", "").replace("%", "").replace("_", "\\_") + "%"), 100,
                rs -> new Pack(rs.getString(1), rs.getString(2), rs.getString(3), Map.of()));
    }

    @Override
    public Activation activate(String call, List<String> digests, Instant activeFrom, String publishedBy, String kind, String restores) {
        String id = callcheck.evaluation.Ulid.next();
        Instant now = Instant.now();
        try (Connection c = pool.getConnection()) {
            inTransaction(c, () -> {
                update(c, "INSERT INTO activation (id, call_id, active_from, published_by, published_at, kind, restores) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        id, call, activeFrom.toEpochMilli(), publishedBy, now.toEpochMilli(), kind, restores);
                for (String d : new java.util.TreeSet<>(digests)) update(c, "INSERT INTO activation_pack (activation_id, digest) VALUES (?, ?)", id, d);
                // Delivered to the listeners when the transaction commits, never before.
                if (!h2) query(c, "SELECT pg_notify(?, ?)", List.of(ACTIVATIONS_CHANNEL, call), rs -> null);
            });
        } catch (SQLException e) {
            throw unavailable(e);
        }
        return new Activation(id, call, digests, Instant.ofEpochMilli(activeFrom.toEpochMilli()), publishedBy, Instant.ofEpochMilli(now.toEpochMilli()),
                kind, restores);
    }

    @Override
    public List<Activation> activations(String call) {
        Map<String, List<String>> digests = new java.util.HashMap<>();
        query("SELECT p.activation_id, p.digest FROM activation_pack p JOIN activation a ON a.id = p.activation_id"
                        + (call == null ? "" : " WHERE a.call_id = ?") + " ORDER BY p.digest",
                call == null ? List.of() : List.of(call), Integer.MAX_VALUE,
                rs -> digests.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2)));
        List<Activation> out = new ArrayList<>(query("SELECT id, call_id, active_from, published_by, published_at, kind, restores FROM activation"
                        + (call == null ? "" : " WHERE call_id = ?"), call == null ? List.of() : List.of(call), Integer.MAX_VALUE,
                rs -> new Activation(rs.getString(1), rs.getString(2), digests.getOrDefault(rs.getString(1), List.of()),
                        Instant.ofEpochMilli(rs.getLong(3)), rs.getString(4), Instant.ofEpochMilli(rs.getLong(5)), rs.getString(6), rs.getString(7))));
        out.sort(Activation.ORDER);
        return out;
    }

    @Override
    public AutoCloseable onActivations(Runnable changed) {
        if (h2) return () -> { };
        ActivationListener l = new ActivationListener(listenUrl, changed);
        l.start();
        return l::close;
    }

    /**
     * LISTEN on a connection of its own (not the pool's, which recycles its connections): PostgreSQL holds the
     * notifications for it between two waits, so none is lost while {@code changed} runs. A lost connection is made
     * again a second later, and {@code changed} called then, for what was announced meanwhile.
     */
    private static final class ActivationListener extends Thread {
        private final String url;
        private final Runnable changed;
        private volatile boolean closed;

        ActivationListener(String url, Runnable changed) {
            super("activation-listener");
            setDaemon(true);
            this.url = url;
            this.changed = changed;
        }

        @Override
        public void run() {
            boolean first = true;
            while (!closed) {
                try (Connection c = java.sql.DriverManager.getConnection(url); Statement s = c.createStatement()) {
                    s.execute("LISTEN " + ACTIVATIONS_CHANNEL);
                    if (!first) changed.run();
                    first = false;
                    org.postgresql.PGConnection pg = c.unwrap(org.postgresql.PGConnection.class);
                    while (!closed) {
                        org.postgresql.PGNotification[] n = pg.getNotifications(1_000);
                        if (n != null && n.length > 0) changed.run();
                    }
                } catch (SQLException | RuntimeException e) {
                    if (closed) return;
                    org.slf4j.LoggerFactory.getLogger(JdbcStore.class).warn("listening for activations: {}; again in a second", e.getMessage());
                    first = false;
                    try {
                        Thread.sleep(1_000);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        }

        void close() {
            closed = true;
            interrupt();
        }
    }

    // ---- retention

    @Override
    public int eraseProposalsBefore(Instant cutoff) {
        try (Connection c = pool.getConnection()) {
            // A thousand at a time, each in a transaction of its own: one transaction over a day of decisions held all
            // their old and new rows at once (the embedded file doubled) and made the commits behind it wait.
            int decisions = 0;
            String after = "";
            while (true) {
                List<String> ids = query(c, "SELECT id FROM decision WHERE id > ? AND received_at < ? AND proposal IS NOT NULL ORDER BY id LIMIT 1000",
                        List.of(after, cutoff.toEpochMilli()), rs -> rs.getString(1));
                if (ids.isEmpty()) break;
                after = ids.get(ids.size() - 1);
                decisions += update(c, "UPDATE decision SET proposal = NULL WHERE id >= ? AND id <= ? AND received_at < ? AND proposal IS NOT NULL",
                        ids.get(0), after, cutoff.toEpochMilli());
            }
            return decisions + eraseRoundProposals(c, cutoff);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /**
     * A round keeps its inline proposals in its request: each becomes {@code "proposal": null}, its id, the decisionIds,
     * the selection and scores stay (and the answer, with its verdicts and totals). One round at a time: a request may
     * be megabytes.
     */
    private static int eraseRoundProposals(Connection c, Instant cutoff) throws SQLException {
        // The request is compact JSON: an inline proposal shows as "proposal":{ (inside a string the quote would be \").
        List<String> ids = query(c, "SELECT id FROM call_round WHERE received_at < ? AND request_json LIKE ?",
                List.of(cutoff.toEpochMilli(), "%\"proposal\":{%"), rs -> rs.getString(1));
        for (String id : ids) {
            String request = query(c, "SELECT request_json FROM call_round WHERE id = ?", List.of(id), rs -> rs.getString(1)).get(0);
            update(c, "UPDATE call_round SET request_json = ? WHERE id = ?", RoundJson.withoutProposals(request), id);
        }
        return ids.size();
    }

    // ---- tokens

    private static final SecureRandom TOKENS = new SecureRandom();

    @Override
    public String addToken(String name, Set<TokenScope> scopes) {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
            throw new IllegalArgumentException("a token name is 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (scopes == null || scopes.isEmpty()) throw new IllegalArgumentException("a token needs at least one scope: " + TokenScope.ids(TokenScope.ALL));
        byte[] random = new byte[32];
        TOKENS.nextBytes(random);
        String token = "cc_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        try (Connection c = pool.getConnection()) {
            if (exists(c, "SELECT 1 FROM api_token WHERE name = ?", name)) throw new IllegalArgumentException("a token named '" + name + "' exists already");
            update(c, "INSERT INTO api_token (name, hash, created_at, scopes) VALUES (?, ?, ?, ?)", name, hash(token), System.currentTimeMillis(),
                    TokenScope.ids(scopes));
        } catch (SQLException e) {
            throw unavailable(e);
        }
        return token;
    }

    @Override
    public List<TokenInfo> tokens() {
        return query("SELECT name, scopes, created_at FROM api_token ORDER BY name", List.of(), Integer.MAX_VALUE, JdbcStore::tokenInfo);
    }

    @Override
    public boolean removeToken(String name) {
        try (Connection c = pool.getConnection()) {
            return update(c, "DELETE FROM api_token WHERE name = ?", name) > 0;
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    @Override
    public Optional<TokenInfo> token(String token) {
        if (token == null || token.isEmpty()) return Optional.empty();
        return query("SELECT name, scopes, created_at FROM api_token WHERE hash = ?", List.of(hash(token)), 1, JdbcStore::tokenInfo).stream().findFirst();
    }

    private static TokenInfo tokenInfo(ResultSet rs) throws SQLException {
        return new TokenInfo(rs.getString(1), TokenScope.parse(rs.getString(2)), Instant.ofEpochMilli(rs.getLong(3)));
    }

    /** Tokens are 256 random bits: a plain SHA-256 cannot be reversed, and no salt or stretching is needed. */
    static String hash(String token) {
        return sha256(token.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        // Not interrupted: an interrupt in the middle of H2's file operation (the upkeep's) would close its file.
        probe.shutdown();
        try {
            if (!probe.awaitTermination(WAIT_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS)) probe.shutdownNow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.close();
        pool.close();
    }

    // ---- JDBC plumbing

    private interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, List<Object> args, int max, Row<T> row) {
        try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (out.size() < max && rs.next()) out.add(row.map(rs));
            }
            return out;
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private static <T> List<T> query(Connection c, String sql, List<Object> args, Row<T> row) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) out.add(row.map(rs));
            }
            return out;
        }
    }

    private static boolean exists(Connection c, String sql, Object arg) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, List.of(arg));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, java.util.Arrays.asList(args)); // a column may be set to null
            return s.executeUpdate();
        }
    }

    private static void bind(PreparedStatement s, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) s.setObject(i + 1, args.get(i));
    }

    private StoreUnavailableException unavailable(SQLException e) {
        available = false;
        return new StoreUnavailableException("the store is unavailable: " + e.getMessage(), e);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
