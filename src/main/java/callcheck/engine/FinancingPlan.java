package callcheck.engine;

import java.math.BigDecimal;

/**
 * The financing the rules allow for the proposal's total cost: the highest subsidy, how it splits over its
 * funds, and the least own financing. A fund a call does not have is null.
 */
public record FinancingPlan(BigDecimal maxSubsidy, BigDecimal amif, BigDecimal vvsg, BigDecimal ownMin) {
}
