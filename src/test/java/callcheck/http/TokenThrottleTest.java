package callcheck.http;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The throttle of failed tokens on a clock the test moves. */
class TokenThrottleTest {
    final AtomicLong now = new AtomicLong(1_000_000_000L);
    final TokenThrottle throttle = new TokenThrottle(3, Duration.ofMinutes(1), 100, now::get);

    @Test
    void an_address_waits_for_the_end_of_its_window_after_too_many_failures_and_others_do_not() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.retryAfter("10.0.0.1")).isZero();
            throttle.failed("10.0.0.1");
            now.addAndGet(Duration.ofSeconds(10).toNanos());
        }
        assertThat(throttle.retryAfter("10.0.0.1")).isEqualTo(Duration.ofSeconds(30)); // 60 s from the first failure
        assertThat(throttle.retryAfter("10.0.0.2")).isZero();
        throttle.failed("10.0.0.2");
        assertThat(throttle.retryAfter("10.0.0.2")).isZero();

        now.addAndGet(Duration.ofSeconds(30).toNanos());
        assertThat(throttle.retryAfter("10.0.0.1")).isZero();
        throttle.failed("10.0.0.1"); // a new window: one failure in it
        assertThat(throttle.retryAfter("10.0.0.1")).isZero();
    }

    @Test
    void failures_spread_over_windows_never_block() {
        for (int i = 0; i < 20; i++) {
            throttle.failed("10.0.0.1");
            throttle.failed("10.0.0.1");
            assertThat(throttle.retryAfter("10.0.0.1")).isZero();
            now.addAndGet(Duration.ofSeconds(61).toNanos());
        }
    }

    @Test
    void the_table_of_addresses_stays_bounded_keeping_the_latest() {
        for (int i = 0; i < 10_000; i++) throttle.failed("10.1." + (i / 256) + "." + (i % 256));
        assertThat(throttle.size()).isEqualTo(100);
        for (int i = 0; i < 3; i++) throttle.failed("10.0.0.1");
        assertThat(throttle.retryAfter("10.0.0.1")).isPositive();
        assertThat(throttle.size()).isEqualTo(100);
    }
}
