package callcheck.rules;

import callcheck.model.Region;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The fact the call-level rules judge: the selected proposals of a round and their totals. Made once per check
 * and inserted beside an {@link Evaluation}, {@link Parameters} and the reference data:
 * {@code Round($subsidy : subsidy, subsidy > $limit)}.
 */
public final class Round {
    private final List<RoundProposal> proposals;
    private final BigDecimal subsidy;
    private final BigDecimal amif;
    private final BigDecimal vvsg;
    private final int small;
    private final List<RegionCount> regions;

    /** The proposals selected in a region: {@code RegionCount(count > 1) from $round.regions}. */
    public static final class RegionCount {
        private final Region region;
        private final List<String> ids;

        RegionCount(Region region, List<String> ids) {
            this.region = region;
            this.ids = List.copyOf(ids);
        }

        public Region getRegion() { return region; }
        public List<String> getIds() { return ids; }
        public int getCount() { return ids.size(); }
    }

    public Round(List<RoundProposal> selected) {
        this.proposals = List.copyOf(selected);
        BigDecimal s = BigDecimal.ZERO, a = BigDecimal.ZERO, v = BigDecimal.ZERO;
        int sm = 0;
        Map<Region, List<String>> byRegion = new EnumMap<>(Region.class);
        for (RoundProposal p : proposals) {
            s = s.add(p.getSubsidy());
            a = a.add(p.getAmif());
            v = v.add(p.getVvsg());
            if (p.isSmall()) sm++;
            if (p.getRegion() != null) byRegion.computeIfAbsent(p.getRegion(), r -> new ArrayList<>()).add(p.getId());
        }
        this.subsidy = s;
        this.amif = a;
        this.vvsg = v;
        this.small = sm;
        this.regions = byRegion.entrySet().stream().map(e -> new RegionCount(e.getKey(), e.getValue())).toList();
    }

    public List<RoundProposal> getProposals() { return proposals; }
    /** How many proposals are selected. */
    public int getCount() { return proposals.size(); }
    /** AMIF + VVSG of the selected proposals. */
    public BigDecimal getSubsidy() { return subsidy; }
    public BigDecimal getAmif() { return amif; }
    public BigDecimal getVvsg() { return vvsg; }
    /** How many selected proposals lie in a small municipality. */
    public int getSmall() { return small; }
    /** Per region named by a selected proposal, in region order, the proposals selected there. */
    public List<RegionCount> getRegions() { return regions; }
}
