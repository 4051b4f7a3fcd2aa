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

    /** {@code fraction} of {@code total}, exact. Null if either is unknown. */
    public static BigDecimal share(BigDecimal total, BigDecimal fraction) {
        if (total == null || fraction == null) return null;
        return total.multiply(fraction);
    }

    /** True when the amount is more than {@code fraction} of the total; false when anything is unknown. */
    public static boolean aboveShare(BigDecimal amount, BigDecimal total, BigDecimal fraction) {
        BigDecimal limit = share(total, fraction);
        return amount != null && limit != null && amount.compareTo(limit) > 0;
    }

    /** True when the amount is less than {@code fraction} of the total; false when anything is unknown. */
    public static boolean belowShare(BigDecimal amount, BigDecimal total, BigDecimal fraction) {
        BigDecimal limit = share(total, fraction);
        return amount != null && limit != null && amount.compareTo(limit) < 0;
    }

    /** The sum of the parts, treating an absent part as zero. */
    public static BigDecimal sum(BigDecimal... parts) {
        BigDecimal s = BigDecimal.ZERO;
        for (BigDecimal p : parts) if (p != null) s = s.add(p);
        return s;
    }

    /** True when the parts add up to the total exactly; an absent part counts as zero. */
    public static boolean addsUp(BigDecimal total, BigDecimal... parts) {
        return total != null && sum(parts).compareTo(total) == 0;
    }

    /** The smaller of two amounts, ignoring an unknown one. */
    public static BigDecimal min(BigDecimal a, BigDecimal b) {
        if (a == null) return b;
        if (b == null) return a;
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * The highest subsidy a plan can ask for a total cost: at most the cap, and at most what the least own share
     * leaves of the cost, rounded down to cents. Null if the total is unknown.
     */
    public static BigDecimal highestSubsidy(BigDecimal total, BigDecimal cap, BigDecimal ownShareMin) {
        if (total == null) return null;
        return cents(min(cap, share(total, BigDecimal.ONE.subtract(ownShareMin))));
    }

    /**
     * The smallest total cost, in whole cents, for which a subsidy of {@code subsidy} still leaves at least
     * {@code ownShareMin} of it as own financing: subsidy / (1 - ownShareMin), rounded up. Null if either is
     * unknown or no own share leaves room for a subsidy.
     */
    public static BigDecimal leastTotalFor(BigDecimal subsidy, BigDecimal ownShareMin) {
        if (subsidy == null || ownShareMin == null) return null;
        BigDecimal subsidyShare = BigDecimal.ONE.subtract(ownShareMin);
        if (subsidyShare.signum() <= 0) return null;
        return subsidy.divide(subsidyShare, 2, RoundingMode.UP);
    }

    /** Rounded down to whole cents: a limit is never exceeded by rounding. */
    public static BigDecimal cents(BigDecimal a) {
        return a == null ? null : a.setScale(2, RoundingMode.DOWN);
    }

    /** A share given as a fraction, as a percentage for messages: 0.25 becomes 25. */
    public static BigDecimal percent(BigDecimal fraction) {
        return fraction == null ? null : fraction.movePointRight(2).stripTrailingZeros();
    }

    /**
     * An amount as shown in messages and values: exact, without trailing zeros (40000.00 shows as 40000). A limit
     * computed from a share keeps all its decimals (25% of 80,000.01 is 20,000.0025), so nothing is rounded away.
     */
    public static BigDecimal shown(BigDecimal a) {
        if (a == null) return null;
        BigDecimal s = a.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
