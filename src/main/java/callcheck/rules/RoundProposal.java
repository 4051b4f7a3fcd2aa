package callcheck.rules;

import callcheck.engine.Outcome;
import callcheck.model.Region;

import java.math.BigDecimal;

/**
 * One proposal of a call round as the call-level rules see it: its id in the round, its verdict, what it asks
 * (an absent amount counts 0), whether its lead municipality is small, and its region.
 */
public final class RoundProposal {
    private final String id;
    private final Outcome verdict;
    private final BigDecimal subsidy;
    private final BigDecimal amif;
    private final BigDecimal vvsg;
    private final boolean small;
    private final Region region;

    /**
     * @param id      the proposal's id in the round
     * @param verdict its verdict
     * @param amif    the AMIF amount it asks, in euro (null counts as none)
     * @param vvsg    the VVSG cofinancing it asks, in euro (null counts as none)
     * @param small   whether it lies in a small city or municipality
     * @param region  its network region, or null
     */
    public RoundProposal(String id, Outcome verdict, BigDecimal amif, BigDecimal vvsg, boolean small, Region region) {
        this.id = id;
        this.verdict = verdict;
        this.amif = amif == null ? BigDecimal.ZERO : amif;
        this.vvsg = vvsg == null ? BigDecimal.ZERO : vvsg;
        this.subsidy = this.amif.add(this.vvsg);
        this.small = small;
        this.region = region;
    }

    /** @return the proposal's id in the round */
    public String getId() { return id; }
    /** @return its verdict */
    public Outcome getVerdict() { return verdict; }
    /** @return AMIF + VVSG asked, in euro */
    public BigDecimal getSubsidy() { return subsidy; }
    /** @return the AMIF amount asked, in euro */
    public BigDecimal getAmif() { return amif; }
    /** @return the VVSG cofinancing asked, in euro */
    public BigDecimal getVvsg() { return vvsg; }
    /** @return whether it lies in a small city or municipality */
    public boolean isSmall() { return small; }
    /** @return its network region, or null */
    public Region getRegion() { return region; }
}
