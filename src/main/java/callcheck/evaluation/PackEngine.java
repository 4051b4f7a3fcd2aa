package callcheck.evaluation;

import callcheck.engine.Verdict;

import callcheck.rules.Evaluation;

import callcheck.model.Financing;
import callcheck.model.Period;
import callcheck.model.Proposal;
import callcheck.rules.Parameters;
import callcheck.engine.PackException;
import callcheck.pack.PackLoader;
import callcheck.pack.RulePack;
import callcheck.reference.ReferenceData;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The engine as the service runs it: the packs now serving, which live reload {@link #swap}s whole, and the
 * evaluation of one proposal on one pack. Thread-safe: every evaluation runs its own stateless session over the
 * pack's shared KieBase, on an immutable snapshot of the packs. Embedders use {@link callcheck.engine.Engine}.
 */
public final class PackEngine {
    /**
     * The packs serving and, when a switch is scheduled ({@link #swapAt}), the packs that serve from its instant on:
     * {@link #packs} reads the clock, so that the switch is exact to the millisecond whatever a timer's delay.
     */
    private record Serving(PackSet now, PackSet next, long nextAtMillis) {
    }

    private final AtomicReference<Serving> packs;
    private final PackLoader loader;
    private final Evaluator evaluator;

    /** Serving the given packs, evaluating without limits; a reload compiles with the default options. */
    public PackEngine(PackSet packs) {
        this(packs, new PackLoader(), Evaluator.unlimited());
    }

    /** Serving the given packs, evaluating without limits; a reload compiles with the loader's options. */
    public PackEngine(PackSet packs, PackLoader loader) {
        this(packs, loader, Evaluator.unlimited());
    }

    /** Evaluating within the evaluator's limits (time budget, slots); a reload compiles with the default options. */
    public PackEngine(PackSet packs, Evaluator evaluator) {
        this(packs, new PackLoader(), evaluator);
    }

    /** Serving the given packs within the evaluator's limits; a reload compiles with the loader's options, as the packs were. */
    public PackEngine(PackSet packs, PackLoader loader, Evaluator evaluator) {
        this.packs = new AtomicReference<>(new Serving(packs, null, 0));
        this.loader = loader;
        this.evaluator = evaluator;
    }

    /** Compiles every pack under the rules folder with the default options; see {@link #load(Path, PackLoader)}. */
    public static PackEngine load(Path rules) {
        return load(rules, new PackLoader());
    }

    /** Compiles every pack under the rules folder; any pack that does not compile fails the whole load. */
    public static PackEngine load(Path rules, PackLoader loader) {
        LoadReport report = LoadReport.load(rules, loader);
        if (!report.failures().isEmpty()) {
            throw new PackException(report.failures().values().stream().flatMap(List::stream).toList());
        }
        return new PackEngine(report.packs(), loader);
    }

    /** The loader (and so the options) the packs were compiled with, for compiling them again. */
    public PackLoader loader() {
        return loader;
    }

    /** What runs the evaluations, within its limits. */
    public Evaluator evaluator() {
        return evaluator;
    }

    /** The packs now serving. */
    public PackSet packs() {
        Serving s = packs.get();
        if (s.next() == null || System.currentTimeMillis() < s.nextAtMillis()) return s.now();
        packs.compareAndSet(s, new Serving(s.next(), null, 0));
        return s.next();
    }

    /**
     * Replaces the serving packs at once (and forgets a switch scheduled); evaluations already running finish on the
     * snapshot they started with.
     */
    public synchronized void swap(PackSet next) {
        packs.set(new Serving(next, null, 0));
    }

    /**
     * Serves {@code next} from the instant on (by this machine's clock), exactly: an evaluation that takes its packs
     * before the instant gets those serving now, one that takes them at or after it gets {@code next}. Replaces a switch
     * scheduled before; an instant already past swaps at once.
     */
    public synchronized void swapAt(PackSet next, java.time.Instant at) {
        packs.set(new Serving(packs(), next, at.toEpochMilli()));
    }

    /** Evaluates with the version that governs the proposal's submission date. */
    public Verdict evaluate(String call, Proposal proposal) {
        return evaluate(call, null, proposal);
    }

    /**
     * Evaluates with the named version, or (version null) the one that governs the submission date, within the
     * evaluator's limits.
     *
     * @throws callcheck.engine.EvaluationTimeoutException the evaluation ran past its time budget
     * @throws callcheck.engine.EngineBusyException        no evaluation slot came free in time
     */
    public Verdict evaluate(String call, String version, Proposal proposal) {
        PackSet snapshot = packs();
        return evaluate(snapshot, snapshot.select(call, version, proposal.getSubmittedOn()), proposal);
    }

    /**
     * Evaluates on a pack the caller chose from a snapshot (to know exactly which decided), within the evaluator's
     * limits.
     */
    public Verdict evaluate(PackSet snapshot, RulePack pack, Proposal proposal) {
        return evaluateWithin(pack, snapshot.reference(), proposal);
    }

    /**
     * Evaluates on any pack with its reference data (an archived pack's, for a replay), within the evaluator's limits.
     *
     * @throws callcheck.engine.EvaluationTimeoutException the evaluation ran past its time budget
     * @throws callcheck.engine.EngineBusyException        no evaluation slot came free in time
     */
    public Verdict evaluateWithin(RulePack pack, ReferenceData reference, Proposal proposal) {
        pack.prepare(); // rules read from the cache are made on first use: not within the evaluation's budget
        return evaluator.run(pack, fewItems(proposal), run -> evaluate(pack, reference, proposal, run));
    }

    /**
     * The most items (partners, actions, aims...) a proposal may list to be evaluated on its caller's thread: a rule
     * that joins lists is matched without a look at the time budget, so only a worker can be given up on with long
     * ones. Real proposals list a few dozen at most.
     */
    static final int CALLER_THREAD_ITEMS = 100;

    static boolean fewItems(Proposal p) {
        return size(p.getCoApplicants()) + size(p.getPartners()) + size(p.getTrajectories()) + size(p.getActions())
                + size(p.getTargetGroups()) + size(p.getAims()) + size(p.getCommitments()) <= CALLER_THREAD_ITEMS;
    }

    private static int size(List<?> list) {
        return list == null ? 0 : list.size();
    }

    /** Evaluates against one given pack, on this thread, without limits. */
    public static Verdict evaluate(RulePack pack, ReferenceData reference, Proposal proposal) {
        return evaluate(pack, reference, proposal, new SessionRun(pack.call(), pack.version()));
    }

    /**
     * The classes of the facts {@code evaluate} inserts for a proposal's rules (Financing and Period only when the
     * proposal states them); {@code callcheck facts} lists them. Kept beside the inserts below.
     */
    public static final List<Class<?>> FACT_TYPES = List.of(Proposal.class, Financing.class, Period.class, Evaluation.class,
            Parameters.class, ReferenceData.class);

    private static Verdict evaluate(RulePack pack, ReferenceData reference, Proposal proposal, SessionRun run) {
        Evaluation evaluation = new Evaluation(pack);
        List<Object> facts = new ArrayList<>(6);
        facts.add(proposal);
        facts.add(evaluation);
        facts.add(pack.parameters());
        facts.add(reference);
        if (proposal.getFinancing() != null) facts.add(proposal.getFinancing());
        if (proposal.getPeriod() != null) facts.add(proposal.getPeriod());
        run.execute(pack.session(), facts);
        return evaluation.verdict(decisionId(), missingFacts(pack, proposal));
    }

    /**
     * A time-ordered, collision-free id ({@link Ulid}) under which the decision is logged and, in the service, stored:
     * the store lists decisions newest first by it.
     */
    public static String decisionId() {
        return Ulid.next();
    }

    /** Per rule id, the facts it needs that the proposal leaves out. */
    private static Map<String, List<String>> missingFacts(RulePack pack, Proposal proposal) {
        Map<String, List<String>> out = null;
        List<RulePack.Needs> needs = pack.needs();
        for (int i = 0; i < needs.size(); i++) {
            RulePack.Needs n = needs.get(i);
            // A set: several needed facts under one absent parent ("financing.amif", "financing.own") name it once.
            Set<String> absent = null;
            for (int k = 0; k < n.paths().size(); k++) {
                List<String> m = n.paths().get(k).missing(proposal);
                if (!m.isEmpty()) {
                    if (absent == null) absent = new LinkedHashSet<>();
                    absent.addAll(m);
                }
            }
            if (absent != null) {
                if (out == null) out = new LinkedHashMap<>();
                out.put(n.rule(), List.copyOf(absent));
            }
        }
        return out == null ? Map.of() : out;
    }
}
