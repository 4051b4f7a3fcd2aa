package callcheck.http;

import callcheck.engine.EngineBusyException;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.function.LongConsumer;

/**
 * The heap that the requests in flight may fill with what they read, one budget for the whole process (the heap is
 * the process's): each request reserves what its body will cost once read, before it reads it or as it reads it, and
 * gives it back when it is answered. A request that cannot reserve is refused before it takes the memory, so that no
 * number of large bodies at once can exhaust the heap: 503 {@code busy} (with Retry-After) while others hold the
 * budget, 413 {@code body_too_large} when one request alone needs more than the whole budget.
 */
final class MemoryBudget {
    /**
     * A third of the heap: the rest holds the compiled packs, the decision writer's queue, the evaluations running
     * in their slots and the server's buffers. A 256 MB heap gives 85 MB, a round of 5,000 realistic proposals.
     */
    static final MemoryBudget HEAP = new MemoryBudget(Runtime.getRuntime().maxMemory() / 3);

    /** What reading a byte of a proposal costs at most once it is objects: a 3-byte {@code {},} is about 100 bytes. */
    static final int BYTES_PER_BODY_BYTE = 40;
    /** What one proposal's verdict costs beyond its proposal: the verdict, its JSON and the record's strings. */
    static final int BYTES_PER_VERDICT = 16 * 1024;

    /**
     * What compiling a draft pack holds until its impact is answered: Drools' builder and the Java compiler at their
     * peak, then the compiled pack and its sessions. A pack of 507's size keeps about 1.2 MB once compiled (measured
     * after a GC); the compile's passing peak is several times that: 32 MB leaves room for a draft larger than 507.
     */
    static final int BYTES_PER_DRAFT_COMPILE = 32 * 1024 * 1024;

    /** Reserved in chunks, so that a body read token by token takes the semaphore once per chunk, not per token. */
    private static final int CHUNK = 64 * 1024;

    private final long bytes;
    private final Semaphore chunks;

    MemoryBudget(long bytes) {
        int permits = (int) Math.min(Integer.MAX_VALUE, bytes / CHUNK);
        this.bytes = (long) permits * CHUNK;
        this.chunks = new Semaphore(permits);
    }

    /** The whole budget, in bytes. */
    long bytes() {
        return bytes;
    }

    /** A request's reservation, empty until charged; closing it gives back all it holds. */
    Reservation open() {
        return new Reservation();
    }

    /** What one request holds; used by its own thread only. */
    final class Reservation implements LongConsumer, AutoCloseable {
        private long charged;
        private int held;

        /** Charges {@code cost} bytes more, or refuses the request (413 or 503) before the memory is taken. */
        @Override
        public void accept(long cost) {
            long total = charged + cost;
            if (total > bytes) {
                throw new ApiError(413, "body_too_large", null, "the body needs more memory than the service gives one request ("
                        + bytes / (1024 * 1024) + " MB, a third of its heap); send less at once");
            }
            int needed = (int) ((total + CHUNK - 1) / CHUNK);
            if (needed > held) {
                if (!chunks.tryAcquire(needed - held)) {
                    // The same answer as an engine without a free slot: nothing was done, the same request may pass soon.
                    throw new EngineBusyException("the service is reading other large bodies; try again", Duration.ofSeconds(1));
                }
                held = needed;
            }
            charged = total;
        }

        @Override
        public void close() {
            chunks.release(held);
            held = 0;
            charged = 0;
        }
    }
}
