package callcheck.store;

import callcheck.support.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * After the database closed itself (H2 does on a write error: a full disk, a read-only file), the store lets go of its
 * dead connections, reopens, and records again once the cause is gone, without a restart and without a record to push
 * it; meanwhile it says it does not record, though a ping on an old connection passes.
 */
class StoreHealsTest {
    private static final Pack PACK = new Pack("sha256:aa", "507", "v1", Map.of("507/v1/pack.yaml", "call: 507".getBytes(StandardCharsets.UTF_8)));

    @TempDir
    Path data;

    @Test
    void a_database_that_closed_itself_is_reopened_and_records_again() {
        FaultyConnections faults = new FaultyConnections();
        try (DecisionStore store = FaultyConnections.open(data, faults)) {
            store.record(decision(1), PACK);
            faults.start();

            assertThatThrownBy(() -> store.record(decision(2), PACK)).isInstanceOf(StoreUnavailableException.class);
            assertThat(store.available()).isFalse();
            int tried = faults.refused();
            Await.until("the store to try twice more by itself", () -> faults.refused() >= tried + 2);
            assertThat(store.available()).as("nothing records, though a ping on an old connection passes").isFalse();
            assertThat(store.writing()).isTrue();

            faults.stop();
            Await.until("the store to record again", store::available);
            store.record(decision(3), PACK);

            assertThat(store.find(decision(3).id())).isPresent();
            assertThat(store.find(decision(1).id())).isPresent();
            assertThat(store.find(decision(2).id())).as("refused, so not recorded").isEmpty();
        }
    }

    @Test
    void a_record_after_the_fault_is_gone_succeeds_at_once() {
        FaultyConnections faults = new FaultyConnections();
        try (DecisionStore store = FaultyConnections.open(data, faults)) {
            store.record(decision(1), PACK);
            faults.start();
            assertThatThrownBy(() -> store.record(decision(2), PACK)).isInstanceOf(StoreUnavailableException.class);
            faults.stop();

            // no wait for the probe: the failed record let go of the dead connections
            store.record(decision(3), PACK);

            assertThat(store.available()).isTrue();
            assertThat(store.find(decision(3).id())).isPresent();
        }
    }

    static Decision decision(int i) {
        return DecisionStoreContract.decision(callcheck.evaluation.Ulid.format(1_764_000_000_000L + i, 0, i), "507", "ELIGIBLE",
                Instant.ofEpochMilli(1_764_000_000_000L + i));
    }
}
