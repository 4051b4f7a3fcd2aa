package callcheck.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/** The plan helpers every pack shares: the highest subsidy for a cost, and the least cost for a subsidy. */
class MoneySubsidyTest {
    private static final BigDecimal OWN_25 = new BigDecimal("0.25");

    @ParameterizedTest(name = "total {0}, cap {1}: at most {2}")
    @CsvSource({
            "400000,    250000, 250000",      // the cap decides
            "200000,    250000, 150000",      // what 25% own financing leaves
            "200000.01, 250000, 150000.00",   // 150,000.0075 rounded down: never above the share
            "133333.33, 250000, 99999.99",
            "0,         250000, 0"
    })
    void highestSubsidy_is_the_cap_or_the_share_left_rounded_down(String total, String cap, String expected) {
        assertThat(Money.highestSubsidy(new BigDecimal(total), new BigDecimal(cap), OWN_25)).isEqualByComparingTo(expected);
    }

    @Test
    void highestSubsidy_of_an_unknown_total_is_unknown() {
        assertThat(Money.highestSubsidy(null, BigDecimal.TEN, OWN_25)).isNull();
    }

    @Test
    void leastTotalFor_is_rounded_up_and_is_the_boundary_of_highestSubsidy() {
        BigDecimal min = new BigDecimal("100000");
        BigDecimal least = Money.leastTotalFor(min, OWN_25);
        assertThat(least).isEqualByComparingTo("133333.34");
        assertThat(Money.highestSubsidy(least, new BigDecimal("250000"), OWN_25)).isEqualByComparingTo(min);
        assertThat(Money.highestSubsidy(least.subtract(new BigDecimal("0.01")), new BigDecimal("250000"), OWN_25)).isLessThan(min);
        assertThat(Money.leastTotalFor(new BigDecimal("20000"), new BigDecimal("0.50"))).isEqualByComparingTo("40000");
    }

    @Test
    void leastTotalFor_without_room_for_a_subsidy_is_unknown() {
        assertThat(Money.leastTotalFor(BigDecimal.TEN, BigDecimal.ONE)).isNull();
        assertThat(Money.leastTotalFor(null, OWN_25)).isNull();
    }
}
