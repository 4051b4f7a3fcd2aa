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

    public RoundProposal(String id, Outcome verdict, BigDecimal amif, BigDecimal vvsg, boolean small, Region region) {
        this.id = id;
        this.verdict = verdict;
        this.amif = amif == null ? BigDecimal.ZERO : amif;
        this.vvsg = vvsg == null ? BigDecimal.ZERO : vvsg;
        this.subsidy = this.amif.add(this.vvsg);
        this.small = small;
        this.region = region;
    }

    public String getId() { return id; }
    public Outcome getVerdict() { return verdict; }
    /** AMIF + VVSG asked. */
    public BigDecimal getSubsidy() { return subsidy; }
    public BigDecimal getAmif() { return amif; }
    public BigDecimal getVvsg() { return vvsg; }
    public boolean isSmall() { return small; }
    public Region getRegion() { return region; }
}
