package callcheck.store;

import callcheck.evaluation.Ulid;
import callcheck.support.Await;
import callcheck.support.Postgres;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several instances' stores on one PostgreSQL database, where each instance's writer is alone in its process but not
 * in the database: what one writes while another is between its statements.
 */
class SharedPostgresTest {
    private static final byte[] REFERENCE = "nis,name\n37012,Pittem\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void stores_opened_at_once_on_an_empty_database_migrate_it_once() throws Exception {
        for (int attempt = 0; attempt < 3; attempt++) {
            String url = Postgres.server().newDatabase();
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<DecisionStore>> opening = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                opening.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return DecisionStore.open(url, null);
                }));
            }
            go.countDown();
            List<DecisionStore> opened = new ArrayList<>();
            try {
                for (CompletableFuture<DecisionStore> f : opening) opened.add(f.get(60, TimeUnit.SECONDS));
                try (Connection c = DriverManager.getConnection(url); var s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT version, count(*) FROM flyway_schema_history WHERE version IS NOT NULL GROUP BY version")) {
                    int versions = 0;
                    while (rs.next()) {
                        assertThat(rs.getInt(2)).as("migration %s applied once", rs.getString(1)).isEqualTo(1);
                        versions++;
                    }
                    assertThat(versions).isGreaterThanOrEqualTo(4);
                }
            } finally {
                opened.forEach(DecisionStore::close);
            }
        }
    }

    /**
     * Two versions of a call share their reference files: the instance archiving one while another archives the other
     * finds a file it did not see a moment before inserted when it inserts it, and its decision is recorded all the same.
     */
    @Test
    void a_file_another_instance_archives_at_the_same_time_is_no_failure() throws Exception {
        String url = Postgres.server().newDatabase();
        try (DecisionStore store = DecisionStore.open(url, null); Connection other = DriverManager.getConnection(url)) {
            // The other instance, in the middle of archiving its pack: its rows inserted, not yet committed.
            other.setAutoCommit(false);
            update(other, "INSERT INTO pack (digest, call_id, version, archived_at) VALUES ('sha256:other', '908', '2025-01-01', 0)");
            update(other, "INSERT INTO file_content (sha, content) VALUES (?, ?)", sha256(REFERENCE), REFERENCE);
            update(other, "INSERT INTO pack_file (digest, path, sha) VALUES ('sha256:other', 'reference/municipalities.csv', ?)", sha256(REFERENCE));

            Pack mine = new Pack("sha256:mine", "908", "2024-01-01", Map.of("908/2024-01-01/pack.yaml", "call: \"908\"\n".getBytes(StandardCharsets.UTF_8),
                    "reference/municipalities.csv", REFERENCE));
            Decision decision = new Decision(Ulid.next(), Instant.now(), null, "908", "2024-01-01", "sha256:mine", "ELIGIBLE", 10, "{}", "{}");
            CompletableFuture<Void> recorded = CompletableFuture.runAsync(() -> store.record(decision, mine));
            // This instance's insert of the shared file waits for the other's transaction.
            Await.until("the store waits for the other instance's insert", () -> waiting(url) > 0);
            other.commit();

            recorded.get(30, TimeUnit.SECONDS);
            assertThat(store.find(decision.id())).isPresent();
            assertThat(store.pack("sha256:mine").orElseThrow().files()).containsOnlyKeys("908/2024-01-01/pack.yaml", "reference/municipalities.csv");
            assertThat(store.pack("sha256:other").orElseThrow().files().get("reference/municipalities.csv")).isEqualTo(REFERENCE);
            assertThat(store.available()).isTrue();
        }
    }

    /**
     * Two instances whose batches hold the same two Idempotency-Keys (a client retrying on each at once) take their
     * locks in one order, so that neither waits for the other while holding what the other waits for: PostgreSQL would
     * end one of them (a deadlock), and every record of its batch would fail. Here the batch arrives as k2, k1 while the
     * other instance holds k1 and then takes k2.
     */
    @Test
    void batches_holding_the_same_keys_on_two_instances_do_not_deadlock() throws Exception {
        String url = Postgres.server().newDatabase();
        JdbcStore store = JdbcStore.open(url, null);
        try (store; Connection other = DriverManager.getConnection(url)) {
            other.setAutoCommit(false);
            String otherAnswer = Ulid.next();
            update(other, "INSERT INTO idempotency_key (asked_by, idem_key, request_hash, answer_id, created_at) VALUES ('', 'k1', 'h', ?, ?)",
                    otherAnswer, System.currentTimeMillis());

            // The writer held on a first record, so that the two keyed ones arrive, k2 then k1, as one batch.
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            store.beforeWrite(() -> {
                holding.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Thread plug = submit(store, null);
            holding.await();
            DecisionStore.IdempotencyKey[] held = new DecisionStore.IdempotencyKey[2];
            Throwable[] failed = new Throwable[2];
            Thread second = submit(store, "k2", held, failed, 1);
            Await.until("k2 waits for its batch", () -> second.getState() == Thread.State.TIMED_WAITING);
            Thread first = submit(store, "k1", held, failed, 0);
            Await.until("k1 waits for its batch", () -> first.getState() == Thread.State.TIMED_WAITING);
            release.countDown();
            plug.join(30_000);

            Await.until("the batch waits for the other instance's k1", () -> waiting(url) > 0);
            update(other, "INSERT INTO idempotency_key (asked_by, idem_key, request_hash, answer_id, created_at) VALUES ('', 'k2', 'h', ?, ?)",
                    otherAnswer, System.currentTimeMillis());
            other.commit();
            first.join(30_000);
            second.join(30_000);
            assertThat(failed).as("records that failed").containsOnlyNulls();
            assertThat(held[0].answerId()).isEqualTo(otherAnswer);
            assertThat(held[1].answerId()).isEqualTo(otherAnswer);
            assertThat(store.available()).isTrue();
        }
    }

    private static Thread submit(JdbcStore store, String key) {
        return submit(store, key, new DecisionStore.IdempotencyKey[1], new Throwable[1], 0);
    }

    /** Records a decision under the key (null: none) in a thread of its own: what it returns or throws lands at {@code slot}. */
    private static Thread submit(JdbcStore store, String key, DecisionStore.IdempotencyKey[] held, Throwable[] failed, int slot) {
        String id = Ulid.next();
        Decision d = new Decision(id, Instant.now(), null, "908", "2024-01-01", "sha256:x", "ELIGIBLE", 10, "{}", "{}");
        Thread t = new Thread(() -> {
            try {
                held[slot] = store.record(d, null, key == null ? null : new DecisionStore.IdempotencyKey("", key, "h", id));
            } catch (RuntimeException e) {
                failed[slot] = e;
            }
        });
        t.start();
        return t;
    }

    /** Sessions of the database waiting for a lock. */
    private static int waiting(String url) {
        try (Connection c = DriverManager.getConnection(url); var s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_locks WHERE NOT granted")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) s.setObject(i + 1, args[i]);
            s.executeUpdate();
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
