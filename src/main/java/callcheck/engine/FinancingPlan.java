package callcheck.engine;

import java.math.BigDecimal;

/**
 * The financing the rules allow for the proposal's total cost: the highest subsidy, how it splits over its
 * funds, and the least own financing. Amounts are euro as exact decimals without trailing zeros (40000, not
 * 40000.00); a limit computed from a share keeps every decimal rather than being rounded. A fund a call does not
 * have is null, and so is every amount the rules cannot compute (the total cost is absent).
 *
 * @param maxSubsidy the highest subsidy the proposal can ask for its total cost (AMIF plus VVSG for call 507)
 * @param amif       the most the AMIF contribution can be
 * @param vvsg       the most the VVSG cofinancing can be; null for calls without VVSG
 * @param ownMin     the least own financing (public cofinancing or private means) the proposal must bring
 */
public record FinancingPlan(BigDecimal maxSubsidy, BigDecimal amif, BigDecimal vvsg, BigDecimal ownMin) {
}
