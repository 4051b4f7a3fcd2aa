package callcheck.round;

import callcheck.engine.Finding;
import callcheck.engine.Outcome;
import callcheck.engine.RoundResult;
import callcheck.engine.Severity;
import callcheck.engine.UnknownCallException;
import callcheck.engine.Verdict;
import callcheck.evaluation.Evaluator;
import callcheck.evaluation.PackEngine;
import callcheck.evaluation.PackSet;
import callcheck.pack.RoundLimit;
import callcheck.pack.RuleInfo;
import callcheck.pack.RulePack;
import callcheck.model.Organisation;
import callcheck.model.OrganisationKind;
import callcheck.model.Proposal;
import callcheck.model.Region;
import callcheck.reference.ReferenceData;
import callcheck.rules.Evaluation;
import callcheck.rules.Money;
import callcheck.rules.Round;
import callcheck.rules.RoundProposal;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a round: evaluates each proposal on the version that governs the round, runs the call-level rules
 * ({@code round*.drl}) on the selected proposals, and proposes the best selection of the eligible ones
 * ({@link BestSelection}), checked with the same rules. Stateless; thread-safe.
 */
public final class Rounds {
    /** Search steps after which the search stops as at its time budget: a bound on its work whatever the budget. */
    public static final long MAX_SEARCH_STEPS = 50_000_000L;
    private static final BigDecimal SCORE_UNIT = BigDecimal.TEN.pow(RoundReader.SCORE_DECIMALS);

    private Rounds() {
    }

    /** A BLOCKING call-level rule's limit with its number: cents for sums, a count otherwise. */
    private record Limit(RuleInfo rule, RoundLimit limit, long value) {
        BestSelection.Bound bound() {
            return new BestSelection.Bound(limit.what(), limit.atMost(), value);
        }
    }

    /** A proposal of the round, read or recorded, with its verdict and how the round rules see it. */
    private record Item(String id, Verdict verdict, RoundProposal fact, BigDecimal score) {
    }

    /** A proposal given inline that the round evaluated: what the service records as a decision of its own. */
    public record Evaluated(Proposal proposal, Verdict verdict, long tookMicros) {
    }

    /** How a round evaluates the proposals given inline: the service goes through its evaluation limits. */
    public interface Evaluate {
        Verdict evaluate(RulePack pack, Proposal proposal);
    }

    /** A round's answer, the pack whose rules decided it, and the proposals it evaluated (in the round's order). */
    public record Checked(RoundResult result, RulePack pack, List<Evaluated> evaluated) {
    }

    /** Checks a round on the version that governs its proposals' submission dates. */
    public static RoundResult check(PackSet packs, String call, RoundRequest request, Decisions decisions) {
        return check(packs, call, null, request, decisions);
    }

    /**
     * Checks a round on the named version, every proposal evaluated with it whatever its date (as a pinned example
     * is), or with {@code version} null on the version that governs the proposals' submission dates.
     */
    public static RoundResult check(PackSet packs, String call, String version, RoundRequest request, Decisions decisions) {
        return check(packs, call, version, request, decisions, Evaluator.unlimited());
    }

    /** As {@link #check(PackSet, String, String, RoundRequest, Decisions)}, the search within the evaluator's round budget and slots. */
    public static RoundResult check(PackSet packs, String call, String version, RoundRequest request, Decisions decisions, Evaluator search) {
        return checked(packs, call, version, request, decisions, (pack, p) -> PackEngine.evaluate(pack, packs.reference(), p), search).result();
    }

    /**
     * {@link #check(PackSet, String, String, RoundRequest, Decisions)} with the proposals given inline evaluated by
     * {@code evaluate}, and the best selection searched in one of {@code search}'s slots within its round budget;
     * answers with the pack and the evaluations behind the answer too.
     *
     * @throws callcheck.engine.EngineBusyException no slot came free for the search in time
     */
    public static Checked checked(PackSet packs, String call, String version, RoundRequest request, Decisions decisions, Evaluate evaluate,
                                  Evaluator search) {
        packs.versions(call); // an unknown call is a 404 before anything else
        List<Proposal> proposals = new ArrayList<>();
        List<Verdict> recorded = new ArrayList<>();
        for (int i = 0; i < request.proposals().size(); i++) {
            RoundRequest.Entry e = request.proposals().get(i);
            if (e.proposal() != null) {
                proposals.add(e.proposal());
                recorded.add(null);
                continue;
            }
            String at = "proposals[" + i + "].decisionId";
            Decisions.Decided d = decisions.find(e.decisionId()).orElseThrow(() -> new InvalidRoundException(404, "unknown_decision", at,
                    decisions.configured() ? "no decision '" + e.decisionId() + "' is recorded"
                            : "no decision store is configured: give the proposal inline instead of decision '" + e.decisionId() + "'"));
            if (!d.verdict().call().equals(call)) {
                throw InvalidRoundException.bad("mixed_calls", at, "decision '" + e.decisionId() + "' is of call " + d.verdict().call() + ", not " + call);
            }
            proposals.add(d.proposal());
            recorded.add(d.verdict());
        }
        RulePack pack = version != null ? packs.select(call, version, null) : governing(packs, call, request, proposals);
        RulePack roundPack = pack.round();
        pack.prepare(); // rules read from the cache are made on first use: not within the round's budget
        ReferenceData reference = packs.reference();

        List<Item> items = new ArrayList<>();
        List<Evaluated> evaluated = new ArrayList<>();
        for (int i = 0; i < proposals.size(); i++) {
            Proposal p = proposals.get(i);
            Verdict v = recorded.get(i);
            if (v == null) {
                long start = System.nanoTime();
                v = evaluate.evaluate(pack, p);
                evaluated.add(new Evaluated(p, v, (System.nanoTime() - start) / 1_000));
            }
            String id = request.proposals().get(i).id();
            RoundProposal fact = new RoundProposal(id, v.verdict(), p.getFinancing() == null ? null : p.getFinancing().getAmif(),
                    p.getFinancing() == null ? null : p.getFinancing().getVvsg(), small(p, reference), p.getRegion());
            BigDecimal score = request.scores() == null ? BigDecimal.ONE : request.scores().get(id);
            items.add(new Item(id, v, fact, score));
        }
        Set<String> selectedIds = new HashSet<>(request.selected());
        List<RoundProposal> selected = items.stream().filter(it -> selectedIds.contains(it.id())).map(Item::fact).toList();
        Round round = new Round(selected);

        List<RoundResult.Line> lines = items.stream().map(it -> new RoundResult.Line(it.id(), it.verdict().verdict(), it.verdict().decisionId(),
                Money.shown(it.fact().getSubsidy()), Money.shown(it.fact().getAmif()), Money.shown(it.fact().getVvsg()), it.fact().isSmall(),
                it.fact().getRegion(), it.score(), selectedIds.contains(it.id()))).toList();
        List<Finding> findings = selected.isEmpty() ? List.of() : findings(roundPack, packs.reference(), selected);
        RoundResult result = new RoundResult(null, pack.call(), pack.version(), pack.digest(), lines, findings, totals(round),
                search.inSlot(() -> propose(roundPack, reference, items, search.limits().roundBudget())));
        return new Checked(result, pack, evaluated);
    }

    /** The version that governs every proposal's submission date; a round under two versions is refused. */
    private static RulePack governing(PackSet packs, String call, RoundRequest request, List<Proposal> proposals) {
        RulePack pack = null;
        String firstId = null;
        for (int i = 0; i < proposals.size(); i++) {
            Proposal p = proposals.get(i);
            String at = request.proposals().get(i).proposal() != null ? "proposals[" + i + "].proposal.submittedOn" : "proposals[" + i + "].decisionId";
            RulePack governs;
            try {
                governs = packs.select(call, null, p.getSubmittedOn());
            } catch (UnknownCallException e) {
                throw new InvalidRoundException(404, e.code(), at, e.getMessage());
            }
            if (pack == null) {
                pack = governs;
                firstId = request.proposals().get(i).id();
            } else if (governs != pack) {
                throw InvalidRoundException.bad("mixed_versions", at, "proposal '" + request.proposals().get(i).id() + "' falls under version "
                        + governs.version() + " of call " + call + ", proposal '" + firstId + "' under " + pack.version()
                        + ": a round is checked on one version; send the proposals of each version as a round of their own");
            }
        }
        return pack;
    }

    /**
     * Whether the proposal counts as one in a small city or municipality: its lead applicant's municipality (a
     * cooperation's first member) is small on the submission date (the packs state this as an assumption).
     */
    static boolean small(Proposal p, ReferenceData reference) {
        Organisation a = p.getApplicant();
        if (a == null || a.getKind() == null || p.getSubmittedOn() == null) return false;
        List<String> codes = a.getMunicipalities();
        boolean municipal = a.getKind().isMunicipal() || a.getKind() == OrganisationKind.LOCAL_GOVERNMENT_COOPERATION;
        return municipal && !codes.isEmpty() && reference.isSmall(codes.get(0), p.getSubmittedOn());
    }

    private static RoundResult.Totals totals(Round r) {
        return new RoundResult.Totals(r.getCount(), Money.shown(r.getSubsidy()), Money.shown(r.getAmif()), Money.shown(r.getVvsg()), r.getSmall());
    }

    /** The call-level rules' findings on a selection, in a stable order (severity, rule). */
    static List<Finding> findings(RulePack roundPack, ReferenceData reference, List<RoundProposal> selection) {
        if (roundPack == null) return List.of();
        return verdict(roundPack, reference, selection).findings();
    }

    /** The classes of the facts {@code verdict} inserts for the call-level rules; {@code callcheck facts} lists them. */
    public static final List<Class<?>> FACT_TYPES = List.of(Round.class, Evaluation.class, callcheck.rules.Parameters.class, ReferenceData.class);

    /** The call-level rules run on a selection; INELIGIBLE when a BLOCKING rule finds something. */
    static Verdict verdict(RulePack roundPack, ReferenceData reference, List<RoundProposal> selection) {
        Evaluation evaluation = new Evaluation(roundPack);
        roundPack.session().execute(List.of(new Round(selection), evaluation, roundPack.parameters(), reference));
        return evaluation.verdict(null, Map.of());
    }

    private static List<Limit> limits(RulePack roundPack) {
        List<Limit> out = new ArrayList<>();
        if (roundPack == null) return out;
        for (RuleInfo r : roundPack.rules()) {
            if (r.limit() == null || r.severity() != Severity.BLOCKING) continue;
            RoundLimit l = RoundLimit.parse(r.limit());
            BigDecimal v = (BigDecimal) roundPack.parameters().get(l.parameter()).value();
            if (v == null) continue; // unknown: the rule cannot fire, so it bounds nothing
            long value = l.parameterType() == callcheck.rules.Parameter.Type.AMOUNT ? cents(v) : v.longValueExact();
            out.add(new Limit(r, l, value));
        }
        return out;
    }

    private static long cents(BigDecimal amount) {
        return amount.movePointRight(2).setScale(0, java.math.RoundingMode.UNNECESSARY).longValueExact();
    }

    private static RoundResult.Proposed propose(RulePack roundPack, ReferenceData reference, List<Item> items, Duration budget) {
        List<Limit> limits = limits(roundPack);
        List<Item> candidates = items.stream().filter(it -> it.verdict().verdict() == Outcome.ELIGIBLE && it.score() != null).toList();
        List<BestSelection.Candidate> cs = candidates.stream().map(it -> new BestSelection.Candidate(
                it.score().multiply(SCORE_UNIT).longValueExact(), cents(it.fact().getSubsidy()), cents(it.fact().getAmif()),
                cents(it.fact().getVvsg()), it.fact().isSmall(), it.fact().getRegion() == null ? -1 : it.fact().getRegion().ordinal())).toList();
        BestSelection.Result found = BestSelection.search(cs, limits.stream().map(Limit::bound).toList(), Region.values().length,
                sel -> roundPack == null || verdict(roundPack, reference, facts(candidates, sel)).verdict() != Outcome.INELIGIBLE,
                MAX_SEARCH_STEPS, budget);
        int[] best = found.selection();
        if (best == null && !found.optimal()) {
            // Only a rule asking for a least number can leave the search without any selection that meets the rules.
            throw new InvalidRoundException(422, "selection_too_hard", "proposals", "no selection that meets every BLOCKING call-level rule "
                    + "was found within the round budget of " + budget.toMillis() + " ms; split the round or leave out proposals that cannot be funded");
        }
        if (best == null) return null;
        List<RoundProposal> chosen = facts(candidates, best);
        Set<String> chosenIds = new HashSet<>();
        BigDecimal total = BigDecimal.ZERO;
        for (int i : best) {
            chosenIds.add(candidates.get(i).id());
            total = total.add(candidates.get(i).score());
        }
        Round round = new Round(chosen);
        List<RoundResult.LeftOut> leftOut = new ArrayList<>();
        for (Item it : items) if (!chosenIds.contains(it.id())) leftOut.add(new RoundResult.LeftOut(it.id(), reason(it, round, limits, found.optimal())));
        List<String> ids = items.stream().map(Item::id).filter(chosenIds::contains).toList();
        BigDecimal bound = found.optimal() ? null : Money.shown(BigDecimal.valueOf(found.bound()).divide(SCORE_UNIT));
        return new RoundResult.Proposed(ids, Money.shown(total), found.optimal(), bound, totals(round),
                findings(roundPack, reference, chosen), leftOut);
    }

    private static List<RoundProposal> facts(List<Item> candidates, int[] selection) {
        return Arrays.stream(selection).mapToObj(i -> candidates.get(i).fact()).toList();
    }

    /** Why a proposal is not in the proposed selection. */
    private static String reason(Item it, Round chosen, List<Limit> limits, boolean optimal) {
        if (it.verdict().verdict() != Outcome.ELIGIBLE) {
            TreeSet<String> rules = new TreeSet<>();
            for (Finding f : it.verdict().findings()) if (f.severity() == Severity.BLOCKING || f.severity() == Severity.MISSING) rules.add(f.rule());
            return "it is " + it.verdict().verdict() + " (" + String.join(", ", rules) + "): only eligible proposals are selected";
        }
        if (it.score() == null) return "the jury gave it no score";
        List<String> alone = new ArrayList<>();
        List<String> added = new ArrayList<>();
        Round withIt = null;
        for (Limit l : limits) {
            if (!l.limit().atMost()) continue;
            Round only = new Round(List.of(it.fact()));
            if (breaks(l, only)) {
                alone.add(l.rule().id());
                continue;
            }
            if (withIt == null) {
                List<RoundProposal> plus = new ArrayList<>(chosen.getProposals());
                plus.add(it.fact());
                withIt = new Round(plus);
            }
            if (breaks(l, withIt)) added.add(l.rule().id());
        }
        if (!alone.isEmpty()) return "on its own it breaks " + String.join(", ", alone);
        if (!optimal) return (added.isEmpty() ? "" : "adding it to the proposed selection would break " + String.join(", ", added) + "; ")
                + "the search stopped at its time budget before it could prove whether a selection with it scores higher";
        if (!added.isEmpty()) return "adding it to the proposed selection would break " + String.join(", ", added)
                + "; no selection with it has a higher total score";
        return "no selection with it has a higher total score (between equal totals, proposals rank by score per euro of subsidy, "
                + "then score, then lower subsidy, then as given)";
    }

    /** True when the selection is over an "at most" limit or under an "at least" one. */
    private static boolean breaks(Limit l, Round r) {
        long measured = switch (l.limit().what()) {
            case SUBSIDY -> cents(r.getSubsidy());
            case AMIF -> cents(r.getAmif());
            case VVSG -> cents(r.getVvsg());
            case COUNT -> r.getCount();
            case COUNT_SMALL -> r.getSmall();
            case PER_REGION -> r.getRegions().stream().mapToLong(Round.RegionCount::getCount).max().orElse(0);
        };
        return l.limit().atMost() ? measured > l.value() : measured < l.value();
    }

    /** True when the selection meets the limits of every BLOCKING call-level rule: what the search relies on. */
    static boolean meetsLimits(RulePack roundPack, List<RoundProposal> selection) {
        Round r = new Round(selection);
        return limits(roundPack).stream().noneMatch(l -> breaks(l, r));
    }
}
