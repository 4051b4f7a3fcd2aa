package callcheck.round;

import callcheck.internal.pack.RoundLimit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * The selection with the highest total score among candidates that meets every bound, found by an exact
 * branch-and-bound search, not a greedy pick.
 * <p>
 * Order of preference, stated once: candidates are ranked by score (highest first), then by subsidy (lowest first),
 * then as given. Of the selections with the highest total score, the one chosen includes the best-ranked candidate
 * where two differ (lexicographic on that rank). The search branches on the candidates in rank order, trying
 * "include" before "leave out", so complete selections come in exactly that order of preference: the first one
 * found with the best score is the answer, and a branch whose bound does not exceed the best score found so far can
 * be skipped. Bounds (the least of them counts): the remaining scores added up; per budget-like limit, the
 * fractional knapsack over what still fits; per "count at most", the best remaining scores that many; per
 * "per region at most", the best remaining scores of each region that many.
 * <p>
 * Each selection that would become the best so far is also put to {@code accept} (the DRL round rules): the
 * limits guide the search, the rules decide.
 */
public final class BestSelection {
    /** A candidate: its score in units of 1/10,000, amounts in cents, whether small, its region (-1 for none). */
    public record Candidate(long score, long subsidy, long amif, long vvsg, boolean small, int region) {
        long amount(RoundLimit.What what) {
            return switch (what) {
                case SUBSIDY -> subsidy;
                case AMIF -> amif;
                case VVSG -> vvsg;
                default -> throw new IllegalArgumentException(what.name());
            };
        }
    }

    /** A limit with its number: cents for sums, a count otherwise. */
    public record Bound(RoundLimit.What what, boolean atMost, long value) {
    }

    /** The search gave up after this many branches; the caller answers that no exact selection was found in time. */
    public static final class TooHard extends RuntimeException {
        TooHard(long nodes) {
            super("no exact selection was found within " + nodes + " search steps", null, false, false);
        }
    }

    private final Candidate[] c;          // in rank order
    private final int[] original;         // rank -> index as given
    private final int n;
    private final long[] suffixScore;     // sum of scores from rank i on
    private final int[] suffixSmall;      // small candidates from rank i on
    private final long[] suffixNoRegion;  // sum of scores of candidates without a region from rank i on
    private final List<long[]> sums = new ArrayList<>(); // per sum limit: {whatOrdinal, cap}
    private final int[][] ratioOrder;     // per sum limit: ranks by score per cent, best first
    private final long countMax, countMin, smallMax, smallMin, perRegionMax;
    private final int[][] byRegion;       // per region: its ranks in rank order
    private final Predicate<int[]> accept;
    private final long maxNodes;

    private long nodes;
    private long bestScore = -1;
    private int[] best;
    private final boolean[] chosen;
    private final long[] used;            // per sum limit: cents used
    private int count, small;
    private final int[] regionCount;

    private BestSelection(List<Candidate> candidates, List<Bound> bounds, int regions, Predicate<int[]> accept, long maxNodes) {
        this.n = candidates.size();
        Integer[] rank = new Integer[n];
        for (int i = 0; i < n; i++) rank[i] = i;
        Arrays.sort(rank, Comparator.comparingLong((Integer i) -> -candidates.get(i).score())
                .thenComparingLong(i -> candidates.get(i).subsidy()).thenComparingInt(i -> i));
        this.c = new Candidate[n];
        this.original = new int[n];
        for (int r = 0; r < n; r++) {
            original[r] = rank[r];
            c[r] = candidates.get(rank[r]);
        }
        this.suffixScore = new long[n + 1];
        this.suffixSmall = new int[n + 1];
        this.suffixNoRegion = new long[n + 1];
        for (int r = n - 1; r >= 0; r--) {
            suffixNoRegion[r] = suffixNoRegion[r + 1] + (c[r].region() < 0 ? c[r].score() : 0);
            suffixScore[r] = suffixScore[r + 1] + c[r].score();
            suffixSmall[r] = suffixSmall[r + 1] + (c[r].small() ? 1 : 0);
        }
        long cMax = Long.MAX_VALUE, cMin = 0, sMax = Long.MAX_VALUE, sMin = 0, rMax = Long.MAX_VALUE;
        for (Bound b : bounds) {
            switch (b.what()) {
                case SUBSIDY, AMIF, VVSG -> {
                    if (b.atMost()) sums.add(new long[]{b.what().ordinal(), b.value()});
                    // an amount "at least" does not occur in the calls; refused rather than ignored
                    else throw new IllegalArgumentException("a lower bound on a sum is not supported: " + b);
                }
                case COUNT -> { if (b.atMost()) cMax = Math.min(cMax, b.value()); else cMin = Math.max(cMin, b.value()); }
                case COUNT_SMALL -> { if (b.atMost()) sMax = Math.min(sMax, b.value()); else sMin = Math.max(sMin, b.value()); }
                case PER_REGION -> rMax = Math.min(rMax, b.value());
            }
        }
        this.countMax = cMax;
        this.countMin = cMin;
        this.smallMax = sMax;
        this.smallMin = sMin;
        this.perRegionMax = rMax;
        this.ratioOrder = new int[sums.size()][];
        for (int k = 0; k < sums.size(); k++) {
            RoundLimit.What what = RoundLimit.What.values()[(int) sums.get(k)[0]];
            Integer[] byRatio = new Integer[n];
            for (int r = 0; r < n; r++) byRatio[r] = r;
            // score per cent, best first, compared exactly: a/b > c/d as a*d > c*b (a zero amount ranks first)
            Arrays.sort(byRatio, (x, y) -> {
                long sx = c[x].score(), wx = c[x].amount(what), sy = c[y].score(), wy = c[y].amount(what);
                int cmp = Math.multiplyHigh(sy, wx) == Math.multiplyHigh(sx, wy)
                        ? Long.compareUnsigned(sy * wx, sx * wy) : Long.compare(Math.multiplyHigh(sy, wx), Math.multiplyHigh(sx, wy));
                return cmp != 0 ? cmp : Integer.compare(x, y);
            });
            ratioOrder[k] = Arrays.stream(byRatio).mapToInt(Integer::intValue).toArray();
        }
        List<List<Integer>> lists = new ArrayList<>();
        for (int g = 0; g < regions; g++) lists.add(new ArrayList<>());
        for (int r = 0; r < n; r++) if (c[r].region() >= 0) lists.get(c[r].region()).add(r);
        this.byRegion = lists.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
        this.accept = accept;
        this.maxNodes = maxNodes;
        this.chosen = new boolean[n];
        this.used = new long[sums.size()];
        this.regionCount = new int[regions];
    }

    /**
     * The best selection, as indexes into {@code candidates} in ascending order, or null when no selection meets the
     * bounds and the rules. {@code regions}: how many regions the candidates' region numbers range over.
     *
     * @throws TooHard after {@code maxNodes} branches
     */
    public static int[] find(List<Candidate> candidates, List<Bound> bounds, int regions, Predicate<int[]> accept, long maxNodes) {
        for (Candidate x : candidates) if (x.score() < 0) throw new IllegalArgumentException("a score below 0");
        BestSelection s = new BestSelection(candidates, bounds, regions, accept, maxNodes);
        s.search(0);
        return s.best;
    }

    private void search(int from) {
        if (++nodes > maxNodes) throw new TooHard(maxNodes);
        // A candidate that does not fit now never will deeper down (the selection only grows): skip it.
        int r = from;
        while (r < n && !fits(r)) r++;
        if (count + (n - r) < countMin || small + suffixSmall[r] < smallMin) return;
        if (r == n) {
            complete();
            return;
        }
        take(r, true);
        if (bestScore < 0 || current + bound(r + 1) > bestScore) search(r + 1);
        take(r, false);
        if (bestScore < 0 || current + bound(r + 1) > bestScore) search(r + 1);
    }

    private long current;

    private void complete() {
        if (count < countMin || small < smallMin) return;
        if (bestScore >= 0 && current <= bestScore) return;
        int[] selection = selection();
        if (!accept.test(selection)) return;
        bestScore = current;
        best = selection;
    }

    private int[] selection() {
        int k = 0;
        int[] out = new int[count];
        for (int r = 0; r < n; r++) if (chosen[r]) out[k++] = original[r];
        Arrays.sort(out);
        return out;
    }

    private boolean fits(int r) {
        Candidate x = c[r];
        if (count + 1 > countMax) return false;
        if (x.small() && small + 1 > smallMax) return false;
        if (x.region() >= 0 && regionCount[x.region()] + 1 > perRegionMax) return false;
        for (int k = 0; k < used.length; k++) {
            if (used[k] + x.amount(RoundLimit.What.values()[(int) sums.get(k)[0]]) > sums.get(k)[1]) return false;
        }
        return true;
    }

    private void take(int r, boolean in) {
        Candidate x = c[r];
        int sign = in ? 1 : -1;
        chosen[r] = in;
        current += sign * x.score();
        count += sign;
        if (x.small()) small += sign;
        if (x.region() >= 0) regionCount[x.region()] += sign;
        for (int k = 0; k < used.length; k++) used[k] += sign * x.amount(RoundLimit.What.values()[(int) sums.get(k)[0]]);
    }

    /** An upper bound on the score the candidates from rank r on can add to the selection as it stands. */
    private long bound(int r) {
        long b = suffixScore[r];
        if (countMax != Long.MAX_VALUE) {
            long room = countMax - count;
            long top = 0;
            // rank order is score order: the best remaining scores are the next ones
            for (int x = r, k = 0; x < n && k < room; x++, k++) top += c[x].score();
            b = Math.min(b, top);
        }
        if (perRegionMax != Long.MAX_VALUE && byRegion.length > 0) {
            long total = suffixNoRegion[r];
            for (int g = 0; g < byRegion.length && total < b; g++) {
                long room = perRegionMax - regionCount[g];
                int[] ranks = byRegion[g];
                int from = lowerBound(ranks, r);
                for (int k = from; k < ranks.length && k - from < room; k++) total += c[ranks[k]].score();
            }
            b = Math.min(b, total);
        }
        for (int k = 0; k < used.length && b > 0; k++) b = Math.min(b, fractionalKnapsack(k, r));
        return b;
    }

    /**
     * The fractional knapsack (Dantzig's bound) over the candidates from rank r on that could still fit alone, in the
     * room left under sum limit k, rounded up.
     */
    private long fractionalKnapsack(int k, int r) {
        RoundLimit.What what = RoundLimit.What.values()[(int) sums.get(k)[0]];
        long room = sums.get(k)[1] - used[k];
        long room0 = room;
        long total = 0;
        for (int x : ratioOrder[k]) {
            if (x < r) continue;
            long w = c[x].amount(what);
            if (w > room0) continue; // cannot join any completion
            if (w <= room) {
                total += c[x].score();
                room -= w;
            } else {
                // the part that fits, rounded up so that the bound stays a bound
                total += (long) Math.ceil((double) c[x].score() * room / w) + 1;
                break;
            }
        }
        return total;
    }

    private static int lowerBound(int[] sorted, int key) {
        int i = Arrays.binarySearch(sorted, key);
        return i >= 0 ? i : -i - 1;
    }

    /** For tests and reasons: the selection as a set. */
    static BitSet asSet(int[] selection) {
        BitSet b = new BitSet();
        if (selection != null) for (int i : selection) b.set(i);
        return b;
    }
}
