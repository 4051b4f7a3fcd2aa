package callcheck.http;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Failed token attempts counted per client address in a fixed window: past {@link #MAX_FAILURES} in one
 * {@link #WINDOW}, the address waits for the window's end. Without it a client could try some 700 tokens a second.
 * <p>
 * The table keeps at most {@link #MAX_ADDRESSES} addresses, the least recently seen going first, so that an attacker
 * rotating addresses cannot grow it without bound.
 */
final class TokenThrottle {
    /** A client with a mistyped, expired or removed token finds out in a few tries; ten leaves room for retries. */
    static final int MAX_FAILURES = 10;
    /** Short enough that a client fixed by hand is let in again soon; 14,400 guesses a day at most per address. */
    static final Duration WINDOW = Duration.ofMinutes(1);
    /** Some 200 bytes each (the address, its count, the map's entry): 2 MB at most. */
    static final int MAX_ADDRESSES = 10_000;

    private final int maxFailures;
    private final long windowNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Failures> byAddress;

    TokenThrottle() {
        this(MAX_FAILURES, WINDOW, MAX_ADDRESSES, System::nanoTime);
    }

    TokenThrottle(int maxFailures, Duration window, int maxAddresses, LongSupplier nanoTime) {
        this.maxFailures = maxFailures;
        this.windowNanos = window.toNanos();
        this.nanoTime = nanoTime;
        this.byAddress = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
                return size() > maxAddresses;
            }
        };
    }

    /** The failures of an address since its window began. */
    private static final class Failures {
        long windowStart;
        int count;
    }

    /** How long the address must wait before its token is checked again; zero when it may try now. */
    synchronized Duration retryAfter(String address) {
        Failures f = byAddress.get(address);
        if (f == null || f.count < maxFailures) return Duration.ZERO;
        long left = f.windowStart + windowNanos - nanoTime.getAsLong();
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }

    /** Counts a failed attempt of the address. */
    synchronized void failed(String address) {
        long now = nanoTime.getAsLong();
        Failures f = byAddress.computeIfAbsent(address, a -> new Failures());
        if (f.count == 0 || now - f.windowStart >= windowNanos) {
            f.windowStart = now;
            f.count = 0;
        }
        f.count++;
    }

    /** The addresses kept now. */
    synchronized int size() {
        return byAddress.size();
    }
}
