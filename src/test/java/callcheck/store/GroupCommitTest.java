package callcheck.store;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a caller is told when its record is not confirmed in time: unknown unless it is known that nothing was written. */
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
}
