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

        /** @return the region */
        public Region getRegion() { return region; }
        /** @return the ids of the proposals selected there */
        public List<String> getIds() { return ids; }
        /** @return how many proposals are selected there */
        public int getCount() { return ids.size(); }
    }

    /** @param selected the proposals selected in the round */
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

    /** @return the selected proposals */
    public List<RoundProposal> getProposals() { return proposals; }
    /** @return how many proposals are selected */
    public int getCount() { return proposals.size(); }
    /** @return AMIF + VVSG of the selected proposals, in euro */
    public BigDecimal getSubsidy() { return subsidy; }
    /** @return the AMIF amounts of the selected proposals, in euro */
    public BigDecimal getAmif() { return amif; }
    /** @return the VVSG cofinancing of the selected proposals, in euro */
    public BigDecimal getVvsg() { return vvsg; }
    /** @return how many selected proposals lie in a small municipality */
    public int getSmall() { return small; }
    /** @return per region named by a selected proposal, in region order, the proposals selected there */
    public List<RegionCount> getRegions() { return regions; }
}
