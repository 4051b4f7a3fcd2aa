package callcheck.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Exact money arithmetic that every pack's rules share: a share of a cost, a plan that adds up. Amounts are
 * BigDecimal euro; a limit computed from a share is kept exact, so 25% of 80,000.00 is exactly 20,000.
 */
public final class Money {
    private Money() {
    }

    /**
     * A share of a total, exact.
     *
     * @param total    the amount, in euro
     * @param fraction the share, such as 0.25 for 25%
     * @return {@code total * fraction}, unrounded; null if either is unknown
     */
    public static BigDecimal share(BigDecimal total, BigDecimal fraction) {
        if (total == null || fraction == null) return null;
        return total.multiply(fraction);
    }

    /**
     * Whether an amount exceeds its share of a total.
     *
     * @param amount   the amount, in euro
     * @param total    the total it is a share of, in euro
     * @param fraction the highest share allowed, such as 0.25
     * @return true when the amount is more than {@code fraction} of the total; false when anything is unknown
     */
    public static boolean aboveShare(BigDecimal amount, BigDecimal total, BigDecimal fraction) {
        BigDecimal limit = share(total, fraction);
        return amount != null && limit != null && amount.compareTo(limit) > 0;
    }

    /**
     * Whether an amount falls short of its share of a total.
     *
     * @param amount   the amount, in euro
     * @param total    the total it is a share of, in euro
     * @param fraction the least share required, such as 0.5
     * @return true when the amount is less than {@code fraction} of the total; false when anything is unknown
     */
    public static boolean belowShare(BigDecimal amount, BigDecimal total, BigDecimal fraction) {
        BigDecimal limit = share(total, fraction);
        return amount != null && limit != null && amount.compareTo(limit) < 0;
    }

    /**
     * The sum of amounts.
     *
     * @param parts the amounts, each possibly null
     * @return their exact sum, an absent part counting as zero; zero when there are none
     */
    public static BigDecimal sum(BigDecimal... parts) {
        BigDecimal s = BigDecimal.ZERO;
        for (BigDecimal p : parts) if (p != null) s = s.add(p);
        return s;
    }

    /**
     * Whether a plan adds up.
     *
     * @param total the total, in euro
     * @param parts the parts, each possibly null (counting as zero)
     * @return true when the parts add up to the total exactly (40000 equals 40000.00); false when the total is
     *         unknown
     */
    public static boolean addsUp(BigDecimal total, BigDecimal... parts) {
        return total != null && sum(parts).compareTo(total) == 0;
    }

    /**
     * The smaller of two amounts, ignoring an unknown one.
     *
     * @param a an amount, or null
     * @param b another, or null
     * @return the smaller; the known one when the other is null; null when both are
     */
    public static BigDecimal min(BigDecimal a, BigDecimal b) {
        if (a == null) return b;
        if (b == null) return a;
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * The highest subsidy a plan can ask for a total cost: at most the cap, and at most what the least own share
     * leaves of the cost, rounded down to cents.
     *
     * @param total       the total cost, in euro
     * @param cap         the highest subsidy the call allows, in euro; null for no cap
     * @param ownShareMin the least own share, such as 0.5 for 50%; must be known
     * @return the highest subsidy in euro with two decimals; null if the total is unknown
     * @throws NullPointerException when the total is known and {@code ownShareMin} is null
     */
    public static BigDecimal highestSubsidy(BigDecimal total, BigDecimal cap, BigDecimal ownShareMin) {
        if (total == null) return null;
        return cents(min(cap, share(total, BigDecimal.ONE.subtract(ownShareMin))));
    }

    /**
     * The smallest total cost, in whole cents, for which a subsidy of {@code subsidy} still leaves at least
     * {@code ownShareMin} of it as own financing: subsidy / (1 - ownShareMin), rounded up.
     *
     * @param subsidy     the subsidy, in euro
     * @param ownShareMin the least own share, such as 0.5 for 50%
     * @return the least total cost in euro with two decimals; null if either is unknown or the own share leaves no
     *         room for a subsidy (1 or more)
     */
    public static BigDecimal leastTotalFor(BigDecimal subsidy, BigDecimal ownShareMin) {
        if (subsidy == null || ownShareMin == null) return null;
        BigDecimal subsidyShare = BigDecimal.ONE.subtract(ownShareMin);
        if (subsidyShare.signum() <= 0) return null;
        return subsidy.divide(subsidyShare, 2, RoundingMode.UP);
    }

    /**
     * Rounded down to whole cents: a limit is never exceeded by rounding.
     *
     * @param a an amount in euro, or null
     * @return the amount with exactly two decimals, rounded down; null when {@code a} is
     */
    public static BigDecimal cents(BigDecimal a) {
        return a == null ? null : a.setScale(2, RoundingMode.DOWN);
    }

    /**
     * A share given as a fraction, as a percentage for messages: 0.25 becomes 25.
     *
     * @param fraction the share, or null
     * @return the percentage without trailing zeros; null when the fraction is
     */
    public static BigDecimal percent(BigDecimal fraction) {
        return fraction == null ? null : fraction.movePointRight(2).stripTrailingZeros();
    }

    /**
     * An amount as shown in messages and values: exact, without trailing zeros (40000.00 shows as 40000). A limit
     * computed from a share keeps all its decimals (25% of 80,000.01 is 20,000.0025), so nothing is rounded away.
     *
     * @param a an amount, or null
     * @return the same value with no trailing zeros and no exponent (scale at least 0); null when {@code a} is
     */
    public static BigDecimal shown(BigDecimal a) {
        if (a == null) return null;
        BigDecimal s = a.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
