package callcheck.http;

import java.util.concurrent.atomic.AtomicInteger;

/** Called by the rule of test call 998: holds each evaluation a while and records how many were inside at once. */
public final class Gate {
    private static final AtomicInteger inside = new AtomicInteger();
    private static final AtomicInteger most = new AtomicInteger();
    private static final AtomicInteger passes = new AtomicInteger();

    private Gate() {
    }

    public static void pass() {
        passes.incrementAndGet();
        int now = inside.incrementAndGet();
        most.accumulateAndGet(now, Math::max);
        try {
            Thread.sleep(30);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inside.decrementAndGet();
        }
    }

    static int mostAtOnce() {
        return most.get();
    }

    /** How many evaluations passed through the gate since {@link #reset}. */
    static int passes() {
        return passes.get();
    }

    static void reset() {
        most.set(0);
        passes.set(0);
    }
}
