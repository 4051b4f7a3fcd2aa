package callcheck.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls what a test depends on, for at most a minute: this bounds the wait, it measures nothing. */
public final class Await {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private Await() {
    }

    /** The first value the probe gives that is done. */
    public static <T> T until(String what, Supplier<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            T value = probe.get();
            if (done.test(value)) return value;
            if (System.nanoTime() > deadline) throw new AssertionError("waited " + PATIENCE + " for " + what + "; last: " + value);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    public static void until(String what, BooleanSupplier condition) {
        until(what, condition::getAsBoolean, Boolean::booleanValue);
    }
}
