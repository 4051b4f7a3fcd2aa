package callcheck.round;

import callcheck.pack.RoundLimit.What;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proposed selection is the one exhaustive search finds: of all subsets that meet every bound and the rules'
 * check, the highest total score, ties broken by the stated order (score per euro of subsidy, then score, then lower
 * subsidy, then as given: the selection that includes the better-ranked candidate where two differ).
 */
class BestSelectionProperties {
    private static final int REGIONS = 4;

    record Case(List<BestSelection.Candidate> candidates, List<BestSelection.Bound> bounds, boolean rulesRejectSome) {
    }

    @Property(tries = 1500)
    @Label("the selection equals exhaustive search on random rounds of up to 16 proposals")
    void equalsExhaustiveSearch(@ForAll("rounds") Case c) {
        Predicate<int[]> rules = c.rulesRejectSome() ? BestSelectionProperties::rulesAccept : s -> true;
        BestSelection.Result found = BestSelection.search(c.candidates(), c.bounds(), REGIONS, rules, 10_000_000, Duration.ofMinutes(1));
        int[] expected = exhaustive(c.candidates(), c.bounds(), rules);
        assertThat(found.selection()).as("%s", c).isEqualTo(expected);
        assertThat(found.optimal()).as("%s", c).isTrue();
    }

    @Property(tries = 1500)
    @Label("a search stopped after a few steps answers a valid selection and an upper bound on the best score, and is optimal only when right")
    void aStoppedSearchBoundsTheBestScore(@ForAll("rounds") Case c, @ForAll @IntRange(min = 1, max = 40) int steps) {
        Predicate<int[]> rules = c.rulesRejectSome() ? BestSelectionProperties::rulesAccept : s -> true;
        BestSelection.Result found = BestSelection.search(c.candidates(), c.bounds(), REGIONS, rules, steps, Duration.ofMinutes(1));
        int[] expected = exhaustive(c.candidates(), c.bounds(), rules);
        long best = expected == null ? -1 : score(c.candidates(), expected);
        if (found.selection() != null) {
            assertThat(meets(c.candidates(), found.selection(), c.bounds()) && rules.test(found.selection())).as("%s", c).isTrue();
            assertThat(found.score()).as("%s", c).isEqualTo(score(c.candidates(), found.selection()));
        }
        assertThat(found.bound()).as("%s", c).isGreaterThanOrEqualTo(best).isGreaterThanOrEqualTo(found.score());
        if (found.optimal()) assertThat(found.selection()).as("%s", c).isEqualTo(expected);
    }

    private static long score(List<BestSelection.Candidate> cs, int[] selection) {
        return Arrays.stream(selection).mapToLong(i -> cs.get(i).score()).sum();
    }

    /** A stand-in for a rule the bounds do not express, deterministic per selection. */
    private static boolean rulesAccept(int[] selection) {
        return Arrays.stream(selection).sum() % 5 != 3;
    }

    @Provide
    Arbitrary<Case> rounds() {
        // Few distinct values, so that ties and exact fits are frequent.
        Arbitrary<Long> score = Arbitraries.oneOf(Arbitraries.just(10_000L), Arbitraries.longs().between(0, 6).map(s -> s * 5_000));
        Arbitrary<Long> cents = Arbitraries.longs().between(0, 8).map(c -> c * 500_000);
        Arbitrary<BestSelection.Candidate> candidate = Combinators.combine(score, cents, cents, Arbitraries.of(true, false),
                Arbitraries.integers().between(-1, REGIONS - 1)).as((s, a, v, small, region) -> new BestSelection.Candidate(s, a + v, a, v, small, region));
        Arbitrary<BestSelection.Bound> bound = Arbitraries.oneOf(
                Arbitraries.of(What.SUBSIDY, What.AMIF, What.VVSG).flatMap(w -> Arbitraries.longs().between(0, 30).map(k -> new BestSelection.Bound(w, true, k * 500_000))),
                Arbitraries.longs().between(0, 10).map(k -> new BestSelection.Bound(What.COUNT, true, k)),
                Arbitraries.longs().between(0, 6).map(k -> new BestSelection.Bound(What.COUNT, false, k)),
                Arbitraries.longs().between(0, 4).map(k -> new BestSelection.Bound(What.COUNT_SMALL, false, k)),
                Arbitraries.longs().between(0, 4).map(k -> new BestSelection.Bound(What.COUNT_SMALL, true, k)),
                Arbitraries.longs().between(1, 2).map(k -> new BestSelection.Bound(What.PER_REGION, true, k)));
        return Combinators.combine(candidate.list().ofMaxSize(16), bound.list().ofMaxSize(4), Arbitraries.of(true, false)).as(Case::new);
    }

    /** Every subset, in index order; the best by score, then by the stated order of preference. */
    static int[] exhaustive(List<BestSelection.Candidate> cs, List<BestSelection.Bound> bounds, Predicate<int[]> rules) {
        int n = cs.size();
        Integer[] rank = new Integer[n];
        for (int i = 0; i < n; i++) rank[i] = i;
        // the stated order: score per euro of subsidy (as fractions, exactly; no subsidy first), score, lower subsidy, as given
        Arrays.sort(rank, Comparator.comparing((Integer i) -> cs.get(i).subsidy() == 0 ? 0 : 1)
                .thenComparing(i -> cs.get(i).subsidy() == 0 ? java.math.BigDecimal.ZERO
                        : java.math.BigDecimal.valueOf(cs.get(i).score()).divide(java.math.BigDecimal.valueOf(cs.get(i).subsidy()), java.math.MathContext.DECIMAL128).negate())
                .thenComparing(i -> -cs.get(i).score()).thenComparing(i -> cs.get(i).subsidy()).thenComparing(i -> i));
        int[] best = null;
        long bestScore = -1;
        for (int mask = 0; mask < (1 << n); mask++) {
            List<Integer> sel = new ArrayList<>();
            for (int i = 0; i < n; i++) if ((mask & (1 << i)) != 0) sel.add(i);
            int[] s = sel.stream().mapToInt(Integer::intValue).toArray();
            if (!meets(cs, s, bounds) || !rules.test(s)) continue;
            long score = sel.stream().mapToLong(i -> cs.get(i).score()).sum();
            if (score > bestScore || score == bestScore && preferred(s, best, rank)) {
                best = s;
                bestScore = score;
            }
        }
        return best;
    }

    /** True when a includes the best-ranked candidate where a and b differ. */
    private static boolean preferred(int[] a, int[] b, Integer[] rank) {
        List<Integer> la = Arrays.stream(a).boxed().toList(), lb = Arrays.stream(b).boxed().toList();
        for (int r : rank) {
            boolean inA = la.contains(r), inB = lb.contains(r);
            if (inA != inB) return inA;
        }
        return false;
    }

    static boolean meets(List<BestSelection.Candidate> cs, int[] s, List<BestSelection.Bound> bounds) {
        for (BestSelection.Bound b : bounds) {
            long value = switch (b.what()) {
                case SUBSIDY -> Arrays.stream(s).mapToLong(i -> cs.get(i).subsidy()).sum();
                case AMIF -> Arrays.stream(s).mapToLong(i -> cs.get(i).amif()).sum();
                case VVSG -> Arrays.stream(s).mapToLong(i -> cs.get(i).vvsg()).sum();
                case COUNT -> s.length;
                case COUNT_SMALL -> Arrays.stream(s).filter(i -> cs.get(i).small()).count();
                case PER_REGION -> {
                    long most = 0;
                    for (int g = 0; g < REGIONS; g++) {
                        int region = g;
                        most = Math.max(most, Arrays.stream(s).filter(i -> cs.get(i).region() == region).count());
                    }
                    yield most;
                }
            };
            if (b.atMost() ? value > b.value() : value < b.value()) return false;
        }
        return true;
    }
}
