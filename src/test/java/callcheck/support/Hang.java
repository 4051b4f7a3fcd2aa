package callcheck.support;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Called by the rules of test call 997 (src/test/resources/packs/hanging): {@link #spin} loops without ever looking
 * at its thread's interrupt, as a {@code while (true)} in a consequence would, until the test {@link #release}s it,
 * so that no spinning thread outlives its test; {@link #sleep} waits a minute unless interrupted.
 */
public final class Hang {
    private static volatile boolean released;
    private static final AtomicInteger spinning = new AtomicInteger();

    private Hang() {
    }

    public static void spin() {
        spinning.incrementAndGet();
        try {
            while (!released) Thread.onSpinWait();
        } finally {
            spinning.decrementAndGet();
        }
    }

    public static void sleep() {
        try {
            Thread.sleep(TimeUnit.MINUTES.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How many threads spin now. */
    public static int spinning() {
        return spinning.get();
    }

    /** Lets every spinning rule return, and later ones too, until {@link #hold}. */
    public static void release() {
        released = true;
    }

    /** Spinning rules spin again. */
    public static void hold() {
        released = false;
    }
}
