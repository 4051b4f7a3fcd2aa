package callcheck.model;

import java.math.BigDecimal;

/**
 * The financing plan a proposal asks for, in euro as exact decimals. An amount is null when the proposal leaves it
 * out; {@link ProposalReader} and {@link Proposal.Builder#build()} accept amounts from 0 to
 * {@link ProposalReader#MAX_AMOUNT} with at most two decimals (cents).
 */
public final class Financing {
    private BigDecimal totalCost;
    private BigDecimal amif;
    private BigDecimal vvsg;
    private BigDecimal own;
    private Boolean annexIV;

    /** A plan with every field absent; JSON reading fills it in. */
    public Financing() {
    }

    /**
     * A plan as the proposal states it; the amounts are kept exactly as given (40000 and 40000.00 compare equal).
     *
     * @param totalCost the total eligible cost, or null
     * @param amif      the AMIF contribution asked, or null
     * @param vvsg      the VVSG cofinancing asked (call 507), or null
     * @param own       the own financing (public cofinancing or private means), or null
     * @param annexIV   whether the action is one of Annex IV of Regulation (EU) 2021/1147 (AMIF 2021-2027 calls:
     *                  a higher EU share), or null when not said
     */
    public Financing(BigDecimal totalCost, BigDecimal amif, BigDecimal vvsg, BigDecimal own, Boolean annexIV) {
        this.totalCost = totalCost;
        this.amif = amif;
        this.vvsg = vvsg;
        this.own = own;
        this.annexIV = annexIV;
    }

    /** @return the total eligible cost in euro, against which every share is checked; null when absent */
    public BigDecimal getTotalCost() { return totalCost; }
    /** @return the AMIF contribution asked in euro; null when absent */
    public BigDecimal getAmif() { return amif; }
    /** @return the VVSG cofinancing asked in euro (call 507); null when absent */
    public BigDecimal getVvsg() { return vvsg; }
    /** @return the own financing in euro (public cofinancing or private means); null when absent */
    public BigDecimal getOwn() { return own; }
    /** @return whether the action is one of Annex IV of Regulation (EU) 2021/1147; null when not said */
    public Boolean getAnnexIV() { return annexIV; }

    /**
     * The subsidy asked: AMIF plus VVSG cofinancing; an absent VVSG counts as none, an absent AMIF leaves it unknown.
     *
     * @return the subsidy in euro, exact; null when the AMIF contribution is absent
     */
    public BigDecimal getSubsidy() {
        if (amif == null) return null;
        return vvsg == null ? amif : amif.add(vvsg);
    }
}
