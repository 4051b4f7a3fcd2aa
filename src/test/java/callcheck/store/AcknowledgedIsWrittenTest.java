package callcheck.store;

import callcheck.support.Await;
import com.zaxxer.hikari.util.DriverDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import callcheck.store.DecisionStore.IdempotencyKey;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the store acknowledged or showed is on its file. By default H2 writes from threads of its own: a write that
 * fails there leaves the database open, serving from memory transactions that never reached the file, so a retry
 * with the same Idempotency-Key was answered 200 with a decision that was gone once the database reopened (the soak
 * lost 15 of 88,979 so when the file became read-only). Here the disk holds a record's write, then fails it as a
 * full disk does.
 */
class AcknowledgedIsWrittenTest {
    private static final Pack PACK = new Pack("sha256:aa", "507", "v1", Map.of("507/v1/pack.yaml", "call: 507".getBytes(StandardCharsets.UTF_8)));

    @TempDir
    Path data;

    @Test
    void what_the_store_answered_while_its_write_failed_is_still_there_after_it_reopened() throws Exception {
        Path folder = data.toAbsolutePath().normalize();
        try (DecisionStore store = JdbcStore.open(null, folder,
                real -> new DriverDataSource(SlowDisk.wrap(JdbcStore.h2Url(folder)), null, new Properties(), null, null))) {
            store.record(decision(0), PACK);
            // a busy machine pauses the writer after the commit, long enough for a write of H2's own to start
            ((JdbcStore) store).afterCommit(() -> sleep(1500));
            Decision d = decision(1);
            IdempotencyKey key = new IdempotencyKey("portal", "retry-me", "hash", null).answering(d.id());

            CountDownLatch held = SlowDisk.hold();
            CompletableFuture<IdempotencyKey> answer = CompletableFuture.supplyAsync(() -> store.record(d, PACK, key));
            assertThat(held.await(30, TimeUnit.SECONDS)).as("the store wrote to its file").isTrue();
            // Time for the store to answer while the disk holds the write; a correct store does not answer yet.
            answer.handle((k, e) -> k).completeOnTimeout(null, 3, TimeUnit.SECONDS).join();
            SlowDisk.release(true);
            Throwable failure = answer.handle((k, e) -> e == null ? null : e.getCause()).join();
            ((JdbcStore) store).afterCommit(() -> { });
            // What a client's retry with the key, or a reader, would be told now:
            boolean keyShown = answers(() -> store.idempotencyKey("portal", "retry-me").isPresent());
            boolean decisionShown = answers(() -> store.find(d.id()).isPresent());
            SlowDisk.heal();
            Await.until("the store to record again", () -> answers(() -> {
                store.record(decision(2), PACK);
                return true;
            }));

            boolean kept = store.find(d.id()).isPresent();
            assertThat(store.find(decision(0).id())).isPresent();
            if (failure == null) assertThat(kept).as("the record was acknowledged").isTrue();
            if (keyShown) assertThat(kept).as("a retry with the key was answered with this decision").isTrue();
            if (decisionShown) assertThat(kept).as("the decision was shown to a reader").isTrue();
            assertThat(failure).as("the write failed, so the outcome is unknown").isInstanceOf(StoreTimeoutException.class);
        } finally {
            SlowDisk.heal();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True when the call answers true; false when it answers false or the store refuses. */
    private static boolean answers(java.util.function.BooleanSupplier call) {
        try {
            return call.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Decision decision(int i) {
        String id = callcheck.evaluation.Ulid.format(1_764_000_000_000L + i, 0, i);
        return new Decision(id, Instant.ofEpochMilli(1_764_000_000_000L + i), "portal", "507", "v1", "sha256:aa", "ELIGIBLE", 1,
                "{\"title\":\"t\"}", "{\"decisionId\":\"" + id + "\"}");
    }
}
