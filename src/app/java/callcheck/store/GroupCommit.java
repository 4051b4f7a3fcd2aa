package callcheck.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One writer thread that commits what many callers hand in, in batches: a caller waits for the commit of the batch
 * its item went into. Under load a batch holds as many items as arrived during the previous commit, so the cost of a
 * commit (a round trip, a flush to disk) is shared.
 */
final class GroupCommit<T> {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
    static final int MAX_BATCH = 500;

    /** Writes and commits one batch, or throws and commits none of it. */
    interface Writer<T> {
        void write(List<T> batch) throws Exception;
    }

    private record Item<T>(T value, CompletableFuture<Void> committed) {
    }

    private final LinkedBlockingQueue<Item<T>> queue = new LinkedBlockingQueue<>();
    private final Writer<T> writer;
    private final long waitMillis;
    private final Thread thread;
    private volatile boolean closing;

    GroupCommit(String name, Writer<T> writer, long waitMillis) {
        this.writer = writer;
        this.waitMillis = waitMillis;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Hands the item in and waits for its batch's commit. Throws StoreUnavailableException when it is known that
     * nothing of it was committed (the batch failed, or the item was withdrawn before the writer took it);
     * StoreTimeoutException when that is not known (the writer took it and did not finish in time, or the writer
     * threw StoreTimeoutException: a commit whose outcome is unknown).
     */
    void submit(T value) {
        if (closing) throw new StoreUnavailableException("the store is closing", null);
        Item<T> item = new Item<>(value, new CompletableFuture<>());
        queue.add(item);
        try {
            item.committed().get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StoreTimeoutException) throw new StoreTimeoutException(e.getCause().getMessage(), e.getCause());
            throw new StoreUnavailableException("the store could not record: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw notInTime(item, "the store did not commit within " + waitMillis + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw notInTime(item, "interrupted while waiting for the store", e);
        }
    }

    /** An item still in the queue is withdrawn, so known not recorded; one the writer took may still be. */
    private RuntimeException notInTime(Item<T> item, String message, Exception cause) {
        if (queue.remove(item)) return new StoreUnavailableException(message + "; withdrawn, nothing recorded", cause);
        return new StoreTimeoutException(message + "; it may still be recorded", cause);
    }

    private void run() {
        List<Item<T>> batch = new ArrayList<>(MAX_BATCH);
        while (!(closing && queue.isEmpty())) {
            try {
                Item<T> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                commit(batch);
            } catch (InterruptedException e) {
                closing = true;
            } catch (Throwable e) {
                // An OutOfMemoryError (while logging, say) must not end the writer: every later record would wait out
                // its time and fail. The batch's callers are told; the next batch gets a fresh try.
                failed(batch, e);
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Item<T>> batch) {
        List<T> values = new ArrayList<>(batch.size());
        for (Item<T> i : batch) values.add(i.value());
        try {
            writer.write(values);
            for (Item<T> i : batch) i.committed().complete(null);
        } catch (Exception | Error e) {
            failed(batch, e);
        }
    }

    /** Tells the batch's callers, then logs; nothing here may end the writer. */
    private static <T> void failed(List<Item<T>> batch, Throwable e) {
        for (Item<T> i : batch) i.committed().completeExceptionally(e);
        try {
            LOG.warn("the store could not commit {} record(s): {}", batch.size(), e.toString());
        } catch (Throwable logging) {
            // out of memory even for the message: the callers know, and the writer goes on
        }
    }

    /** Whether the writer thread runs: false once it has ended, after {@link #close} or by a fault it did not survive. */
    boolean running() {
        return thread.isAlive();
    }

    /** Stops taking items; those handed in before are committed first (for at most the wait a caller has). */
    void close() {
        closing = true;
        try {
            thread.join(waitMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
