package callcheck.store;

import java.util.concurrent.CountDownLatch;

/** Faults injected into a store on command, for the tests of other packages. */
public final class StoreFaults {
    private StoreFaults() {
    }

    /**
     * Holds the store's writer before each batch, as a stalled database would, until the returned latch is counted
     * down; {@code stalled} is counted down each time a batch is held.
     */
    public static CountDownLatch stallWrites(DecisionStore store, CountDownLatch stalled) {
        CountDownLatch release = new CountDownLatch(1);
        ((JdbcStore) store).beforeWrite(() -> {
            stalled.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return release;
    }
}
