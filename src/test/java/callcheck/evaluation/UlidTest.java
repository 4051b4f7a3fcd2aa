package callcheck.evaluation;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class UlidTest {

    @Test
    void the_spec_layout_time_first_then_80_random_bits() {
        assertThat(Ulid.format(0, 0, 0)).isEqualTo("00000000000000000000000000");
        assertThat(Ulid.format(281474976710655L, 0xFFFFL, -1L)).isEqualTo("7ZZZZZZZZZZZZZZZZZZZZZZZZZ");
        // 1469918176385 ms is 01ARYZ6S41 in the spec's example
        assertThat(Ulid.format(1469918176385L, 0, 0)).startsWith("01ARYZ6S41");
        assertThat(Ulid.format(0, 0, 1)).isEqualTo("00000000000000000000000001");
        assertThat(Ulid.format(0, 1, 0)).isEqualTo("0".repeat(13) + "G" + "0".repeat(12)); // bit 64 is the 5th bit of the 13th character from the end
    }

    @Test
    void time_reads_back_and_lowest_sorts_first_in_its_millisecond() {
        Instant t = Instant.ofEpochMilli(1_764_670_000_123L);
        assertThat(Ulid.time(Ulid.lowest(t))).isEqualTo(t);
        String id = Ulid.next();
        assertThat(Ulid.isValid(id)).isTrue();
        assertThat(id).isGreaterThanOrEqualTo(Ulid.lowest(Ulid.time(id)));
        assertThat(Ulid.isValid("01JD")).isFalse();
        assertThat(Ulid.isValid("8ZZZZZZZZZZZZZZZZZZZZZZZZZ")).isFalse();
        assertThat(Ulid.isValid("01JDXXXXXXXXXXXXXXXXXXXXXU")).isFalse();
    }
}
