package callcheck.model;

import java.math.BigDecimal;

/** The financing plan a proposal asks for, in euro as exact decimals. */
public final class Financing {
    private BigDecimal totalCost;
    private BigDecimal amif;
    private BigDecimal vvsg;
    private BigDecimal own;
    private Boolean annexIV;

    public Financing() {
    }

    public Financing(BigDecimal totalCost, BigDecimal amif, BigDecimal vvsg, BigDecimal own, Boolean annexIV) {
        this.totalCost = totalCost;
        this.amif = amif;
        this.vvsg = vvsg;
        this.own = own;
        this.annexIV = annexIV;
    }

    public BigDecimal getTotalCost() { return totalCost; }
    public BigDecimal getAmif() { return amif; }
    public BigDecimal getVvsg() { return vvsg; }
    public BigDecimal getOwn() { return own; }
    public Boolean getAnnexIV() { return annexIV; }

    /** The subsidy asked: AMIF plus VVSG cofinancing; an absent VVSG counts as none, an absent AMIF leaves it unknown. */
    public BigDecimal getSubsidy() {
        if (amif == null) return null;
        return vvsg == null ? amif : amif.add(vvsg);
    }
}
