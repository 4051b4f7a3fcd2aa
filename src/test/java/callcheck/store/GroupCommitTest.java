package callcheck.store;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a caller is told when its record is not confirmed in time (unknown unless it is known that nothing was written),
 * and the writer thread outliving whatever a batch throws (a dead writer would fail every record after it).
 */
class GroupCommitTest {

    @Test
    void a_record_the_writer_took_is_unknown_one_still_waiting_is_withdrawn_and_never_written() throws Exception {
        CountDownLatch taken = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> written = new CopyOnWriteArrayList<>();
        GroupCommit<String> commit = new GroupCommit<>("test-writer", batch -> {
            taken.countDown();
            release.await(); // a database that stalls
            written.addAll(batch);
        }, 200);
        try {
            CompletableFuture<Throwable> first = CompletableFuture.supplyAsync(() -> outcome(commit, "first"));
            taken.await();
            assertThat(outcome(commit, "second")).isInstanceOf(StoreUnavailableException.class);
            assertThat(first.get()).isInstanceOf(StoreTimeoutException.class);
            release.countDown();
            commit.submit("third");
            assertThat(written).containsExactly("first", "third");
        } finally {
            release.countDown();
            commit.close();
        }
    }

    @Test
    void a_commit_whose_outcome_is_unknown_is_told_as_such_a_failed_one_as_nothing_recorded() {
        GroupCommit<String> commit = new GroupCommit<>("test-writer", batch -> {
            if (batch.contains("lost")) throw new StoreTimeoutException("the connection broke during the commit", null);
            throw new java.sql.SQLException("rolled back");
        }, 5_000);
        try {
            assertThat(outcome(commit, "lost")).isInstanceOf(StoreTimeoutException.class);
            assertThat(outcome(commit, "refused")).isInstanceOf(StoreUnavailableException.class);
        } finally {
            commit.close();
        }
    }

    private static Throwable outcome(GroupCommit<String> commit, String value) {
        try {
            commit.submit(value);
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

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
