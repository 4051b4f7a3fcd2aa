package callcheck.store;

import callcheck.evaluation.Ulid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded store gives back the space of what it rewrote while it stays open (EmbeddedUpkeep). */
class EmbeddedUpkeepTest {
    @TempDir
    Path data;

    @Test
    void the_open_store_shrinks_back_to_its_data() throws Exception {
        String proposal = "{\"title\":\"" + "a proposal of some length ".repeat(60) + "\"}";
        try (JdbcStore store = JdbcStore.open(null, data)) {
            // One at a time: each commit appends a chunk holding whole pages, most of which the next commit replaces.
            for (int i = 0; i < 100; i++) record(store, proposal);
            long grown = size();
            Thread.sleep(EmbeddedUpkeep.RETENTION_MILLIS + 100); // the chunks replaced may be written over from then on
            for (int run = 0; run < 6; run++) store.upkeepNow();
            assertThat(size()).isLessThan(grown / 3);
            assertThat(store.list(Filter.ALL, null, 1000).decisions()).hasSize(100);
        }
    }

    private static void record(DecisionStore store, String proposal) {
        String id = Ulid.next();
        store.record(new Decision(id, Instant.now(), "portal", "507", "v1", "sha256:aa", "ELIGIBLE", 1, proposal,
                "{\"decisionId\":\"" + id + "\"}"), null);
    }

    private long size() throws Exception {
        return Files.size(data.resolve("callcheck.mv.db"));
    }
}
