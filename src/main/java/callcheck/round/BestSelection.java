package callcheck.round;

import callcheck.pack.RoundLimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * The selection with the highest total score among candidates that meets every bound, found by an exact
 * branch-and-bound search, not a greedy pick.
 * <p>
 * Order of preference, stated once ({@link #order}): candidates rank by score per euro of subsidy (highest first;
 * without scores, the lowest subsidy first), then by score, then by subsidy (lowest first), then as given. Of the
 * selections with the highest total score, the one chosen includes the best-ranked candidate where two differ
 * (lexicographic on that rank). Ranking by score per euro is the order in which a budget is best filled, so the
 * search meets good selections first and its bounds cut early. The search branches on the candidates in rank order, trying
 * "include" before "leave out", so complete selections come in exactly that order of preference: the first one
 * found with the best score is the answer, and a branch whose bound does not exceed the best score found so far can
 * be skipped. Bounds (the least of them counts): the remaining scores added up; per budget-like limit, the
 * fractional knapsack over what still fits, and the best remaining scores as many as the smallest remaining amounts
 * that fit; per "count at most", the best remaining scores that many; per "per region at most", the best remaining
 * scores of each region that many. Every total is a multiple of the scores' greatest common divisor, so a bound
 * rounds down to one: without scores (every proposal counts 1) a bound of 30.7 proposals is 30.
 * <p>
 * Each selection that would become the best so far is also put to {@code accept} (the DRL round rules): the
 * limits guide the search, the rules decide.
 * <p>
 * The search stops at its time budget (or step limit) with the best selection found and the best bound of the
 * branches it left unexplored, an upper bound on the total score ({@link Result}).
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

    /**
     * What the search found: the selection (indexes into the candidates in ascending order, or null when none meets the
     * bounds and the rules, or none was found before the search stopped), its total score, whether it is proven the
     * answer, and an upper bound on the total score of every selection (equal to the score when proven).
     */
    public record Result(int[] selection, long score, boolean optimal, long bound) {
    }

    private final Candidate[] c;          // in rank order
    private final int[] original;         // rank -> index as given
    private final int n;
    private final long[] suffixScore;     // sum of scores from rank i on
    private final int[] suffixSmall;      // small candidates from rank i on
    private final long[] suffixNoRegion;  // sum of scores of candidates without a region from rank i on
    private final List<long[]> sums = new ArrayList<>(); // per sum limit: {whatOrdinal, cap}
    private final int[][] ratioOrder;     // per sum limit: ranks by score per cent, best first
    private final int[][] amountOrder;    // per sum limit: ranks by amount, smallest first
    private final int[] scoreOrder;       // ranks by score, best first
    private final long unit;              // every score is a multiple of it: so is every total
    private final long countMax, countMin, smallMax, smallMin, perRegionMax;
    private final int[][] byRegion;       // per region: its ranks by score, best first
    private final Predicate<int[]> accept;
    private final long maxNodes;
    private final long deadline;          // System.nanoTime() at which the search stops

    private long nodes;
    private boolean stopped;
    private long openBound = -1;          // once stopped: the best bound of the branches left unexplored
    private long bestScore = -1;
    private int[] best;
    private final boolean[] chosen;
    private final long[] used;            // per sum limit: cents used
    private int count, small;
    private final int[] regionCount;

    private BestSelection(List<Candidate> candidates, List<Bound> bounds, int regions, Predicate<int[]> accept, long maxNodes, long deadline) {
        this.n = candidates.size();
        Integer[] rank = new Integer[n];
        for (int i = 0; i < n; i++) rank[i] = i;
        Arrays.sort(rank, (x, y) -> order(candidates.get(x), candidates.get(y), x, y));
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
        long divisor = 0;
        for (int r = 0; r < n; r++) divisor = gcd(divisor, c[r].score());
        this.scoreOrder = byScore(java.util.stream.IntStream.range(0, n).toArray());
        this.unit = divisor == 0 ? 1 : divisor;
        this.ratioOrder = new int[sums.size()][];
        this.amountOrder = new int[sums.size()][];
        for (int k = 0; k < sums.size(); k++) {
            RoundLimit.What what = RoundLimit.What.values()[(int) sums.get(k)[0]];
            // Every sum of amounts is a multiple of their greatest common divisor: so is the part of the cap any can use
            // (amounts in multiples of 3 cents under a cap of 80,000,000 cents use 79,999,998 at most), a tighter bound.
            long g = 0;
            for (int r = 0; r < n; r++) g = gcd(g, c[r].amount(what));
            if (g > 1) sums.get(k)[1] -= sums.get(k)[1] % g;
            Integer[] byRatio = new Integer[n];
            for (int r = 0; r < n; r++) byRatio[r] = r;
            Arrays.sort(byRatio, (x, y) -> {
                int cmp = byRatio(c[x].score(), c[x].amount(what), c[y].score(), c[y].amount(what));
                return cmp != 0 ? cmp : Integer.compare(x, y);
            });
            ratioOrder[k] = Arrays.stream(byRatio).mapToInt(Integer::intValue).toArray();
            amountOrder[k] = Arrays.stream(byRatio).sorted(Comparator.comparingLong((Integer x) -> c[x].amount(what)).thenComparingInt(x -> x))
                    .mapToInt(Integer::intValue).toArray();
        }
        List<List<Integer>> lists = new ArrayList<>();
        for (int g = 0; g < regions; g++) lists.add(new ArrayList<>());
        for (int r = 0; r < n; r++) if (c[r].region() >= 0) lists.get(c[r].region()).add(r);
        this.byRegion = lists.stream().map(l -> byScore(l.stream().mapToInt(Integer::intValue).toArray())).toArray(int[][]::new);
        this.accept = accept;
        this.maxNodes = maxNodes;
        this.deadline = deadline;
        this.chosen = new boolean[n];
        this.used = new long[sums.size()];
        this.regionCount = new int[regions];
    }

    /**
     * The best selection, searched for at most {@code budget} and {@code maxNodes} branches. Stopped there, the answer
     * is the best selection found so far, not proven, with an upper bound on the total score: the best bound of the
     * branches left unexplored, as a MIP solver reports its gap. {@code regions}: how many regions the candidates'
     * region numbers range over.
     */
    public static Result search(List<Candidate> candidates, List<Bound> bounds, int regions, Predicate<int[]> accept, long maxNodes, Duration budget) {
        for (Candidate x : candidates) if (x.score() < 0) throw new IllegalArgumentException("a score below 0");
        long start = System.nanoTime();
        BestSelection s = new BestSelection(candidates, bounds, regions, accept, maxNodes, start + budget.toNanos());
        s.search(0);
        // Branches are explored in the order of preference, so an unexplored one that cannot score higher than the
        // best found cannot displace it either: the answer is then proven although the search stopped.
        boolean optimal = !s.stopped || s.bestScore >= 0 && s.openBound <= s.bestScore;
        long bound = optimal ? s.bestScore : Math.max(s.bestScore, s.openBound);
        return new Result(s.best, s.bestScore, optimal, bound);
    }

    private void search(int from) {
        // The first dive (include whatever fits, in rank order: the greedy selection) takes at most n + 1 steps and
        // is never cut short by the clock, so that a search that stops has a selection to answer.
        if (stopped || ++nodes > maxNodes || nodes > n + 1 && System.nanoTime() - deadline > 0) {
            stopped = true;
            open(from);
            return;
        }
        // A candidate that does not fit now never will deeper down (the selection only grows): skip it.
        int r = from;
        while (r < n && !fits(r)) r++;
        if (count + (n - r) < countMin || small + suffixSmall[r] < smallMin) return;
        if (r == n) {
            complete();
            return;
        }
        take(r, true);
        if (promising(r + 1)) search(r + 1);
        take(r, false);
        if (stopped) {
            open(r + 1); // "leave out" is not explored
            return;
        }
        if (promising(r + 1)) search(r + 1);
    }

    /** Whether the candidates from rank r on might add enough to the selection as it stands to beat the best found. */
    private boolean promising(int r) {
        return bestScore < 0 || bound(r, bestScore - current) > bestScore - current;
    }

    /** Counts the branch at rank r, unexplored, in the bound of the search that stopped. */
    private void open(int r) {
        if (promising(r)) openBound = Math.max(openBound, current + bound(r, -1));
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

    /**
     * An upper bound on the score the candidates from rank r on can add to the selection as it stands; computed only
     * until it is at most {@code enough} (then the branch is cut whatever the rest would say). The bounds come
     * cheapest and, for a budget, tightest first.
     */
    private long bound(int r, long enough) {
        long b = suffixScore[r];
        for (int k = 0; k < used.length && b > enough; k++) b = Math.min(b, fractionalKnapsack(k, r));
        if (b > enough && countMax != Long.MAX_VALUE) b = Math.min(b, best(scoreOrder, r, countMax - count));
        if (b > enough && perRegionMax != Long.MAX_VALUE && byRegion.length > 0) {
            long total = suffixNoRegion[r];
            for (int g = 0; g < byRegion.length && total < b; g++) total += best(byRegion[g], r, perRegionMax - regionCount[g]);
            b = Math.min(b, total);
        }
        for (int k = 0; k < used.length && b > enough; k++) b = Math.min(b, best(scoreOrder, r, fitting(k, r)));
        // every total is a multiple of the unit: a bound between two multiples rounds down
        return b / unit * unit;
    }

    /** The sum of the k best scores of ranks r and later among {@code ranks} (sorted by score, best first). */
    private long best(int[] ranks, int r, long k) {
        long total = 0;
        for (int i = 0; i < ranks.length && k > 0; i++) {
            if (ranks[i] < r) continue;
            total += c[ranks[i]].score();
            k--;
        }
        return total;
    }

    private int[] byScore(int[] ranks) {
        return Arrays.stream(ranks).boxed().sorted(Comparator.comparingLong((Integer x) -> -c[x].score()).thenComparingInt(x -> x))
                .mapToInt(Integer::intValue).toArray();
    }

    /** How many candidates from rank r on could still join under sum limit k at most: the smallest amounts first. */
    private long fitting(int k, int r) {
        RoundLimit.What what = RoundLimit.What.values()[(int) sums.get(k)[0]];
        long room = sums.get(k)[1] - used[k];
        long count = 0;
        for (int x : amountOrder[k]) {
            if (x < r) continue;
            long w = c[x].amount(what);
            if (w > room) break;
            room -= w;
            count++;
        }
        return count;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
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

    /** The stated order of preference: score per euro of subsidy, then score, then the lower subsidy, then as given. */
    static int order(Candidate a, Candidate b, int ia, int ib) {
        int cmp = byRatio(a.score(), a.subsidy(), b.score(), b.subsidy());
        if (cmp != 0) return cmp;
        if (a.score() != b.score()) return Long.compare(b.score(), a.score());
        if (a.subsidy() != b.subsidy()) return Long.compare(a.subsidy(), b.subsidy());
        return Integer.compare(ia, ib);
    }

    /** Score per amount, best first, compared exactly (sx/wx against sy/wy as sx*wy against sy*wx); an amount of 0 first. */
    private static int byRatio(long sx, long wx, long sy, long wy) {
        if (wx == 0 || wy == 0) return Boolean.compare(wx != 0, wy != 0);
        long hi1 = Math.multiplyHigh(sy, wx), hi2 = Math.multiplyHigh(sx, wy);
        return hi1 != hi2 ? Long.compare(hi1, hi2) : Long.compareUnsigned(sy * wx, sx * wy);
    }
}
