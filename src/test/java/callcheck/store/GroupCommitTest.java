package callcheck.store;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The writer thread outlives whatever a batch throws: a dead writer would fail every record after it. */
class GroupCommitTest {

    /** An error that the writer cannot even describe: as when memory runs out again while the failure is logged. */
    private static final class Unloggable extends Error {
        @Override
        public String toString() {
            if (Thread.currentThread().getName().equals(WRITER)) throw new OutOfMemoryError("Java heap space");
            return "Unloggable";
        }
    }

    private static final String WRITER = "test-writer";

    @Test
    void the_writer_goes_on_after_an_error_it_could_not_even_log() {
        AtomicBoolean fail = new AtomicBoolean(true);
        List<String> written = new CopyOnWriteArrayList<>();
        GroupCommit<String> commits = new GroupCommit<>(WRITER, batch -> {
            if (fail.getAndSet(false)) throw new Unloggable();
            written.addAll(batch);
        }, 5_000);
        try {
            assertThatThrownBy(() -> commits.submit("a")).isInstanceOf(StoreUnavailableException.class).hasCauseInstanceOf(Unloggable.class);
            assertThat(commits.running()).isTrue();

            commits.submit("b");

            assertThat(written).containsExactly("b");
        } finally {
            commits.close();
        }
        assertThat(commits.running()).as("closed").isFalse();
    }
}
