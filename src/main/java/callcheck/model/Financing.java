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

    /**
     * A builder of a plan, each amount absent until set.
     *
     * <pre>{@code
     * Financing f = Financing.builder().totalCost("80000").amif("20000").vvsg("20000").own("40000").build();
     * }</pre>
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a {@link Financing}; amounts are given as {@link BigDecimal} or as text ({@code "80000"},
     * {@code "1250.50"}). {@link Proposal.Builder#build()} checks the amounts as JSON reading does.
     */
    public static final class Builder {
        private BigDecimal totalCost;
        private BigDecimal amif;
        private BigDecimal vvsg;
        private BigDecimal own;
        private Boolean annexIV;

        private Builder() {
        }

        /**
         * @param v the total eligible cost in euro, or null
         * @return this builder
         */
        public Builder totalCost(BigDecimal v) { totalCost = v; return this; }
        /**
         * @param v the total eligible cost in euro, as a decimal number such as {@code "80000"}
         * @return this builder
         * @throws InvalidProposalException ({@code invalid_amount}, {@code financing.totalCost}) when not a number
         */
        public Builder totalCost(String v) { return totalCost(amount(v, "totalCost")); }
        /**
         * @param v the AMIF contribution asked in euro, or null
         * @return this builder
         */
        public Builder amif(BigDecimal v) { amif = v; return this; }
        /**
         * @param v the AMIF contribution asked in euro, as a decimal number
         * @return this builder
         * @throws InvalidProposalException ({@code invalid_amount}, {@code financing.amif}) when not a number
         */
        public Builder amif(String v) { return amif(amount(v, "amif")); }
        /**
         * @param v the VVSG cofinancing asked in euro (call 507), or null
         * @return this builder
         */
        public Builder vvsg(BigDecimal v) { vvsg = v; return this; }
        /**
         * @param v the VVSG cofinancing asked in euro (call 507), as a decimal number
         * @return this builder
         * @throws InvalidProposalException ({@code invalid_amount}, {@code financing.vvsg}) when not a number
         */
        public Builder vvsg(String v) { return vvsg(amount(v, "vvsg")); }
        /**
         * @param v the own financing in euro, or null
         * @return this builder
         */
        public Builder own(BigDecimal v) { own = v; return this; }
        /**
         * @param v the own financing in euro, as a decimal number
         * @return this builder
         * @throws InvalidProposalException ({@code invalid_amount}, {@code financing.own}) when not a number
         */
        public Builder own(String v) { return own(amount(v, "own")); }
        /**
         * @param v whether the action is one of Annex IV of Regulation (EU) 2021/1147, or null when not said
         * @return this builder
         */
        public Builder annexIV(Boolean v) { annexIV = v; return this; }

        /**
         * The plan as set so far; its amounts are checked with the proposal it goes into.
         *
         * @return the plan
         */
        public Financing build() {
            return new Financing(totalCost, amif, vvsg, own, annexIV);
        }

        private static BigDecimal amount(String text, String field) {
            if (text == null) return null;
            try {
                return new BigDecimal(text.trim());
            } catch (NumberFormatException e) {
                throw new InvalidProposalException("invalid_amount", "financing." + field, "'" + text + "' is not an amount in euro");
            }
        }
    }
}
