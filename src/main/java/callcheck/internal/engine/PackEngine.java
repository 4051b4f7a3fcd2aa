package callcheck.internal.engine;

import callcheck.engine.Verdict;

import callcheck.rules.Evaluation;

import callcheck.model.Proposal;
import callcheck.engine.PackException;
import callcheck.internal.pack.PackLoader;
import callcheck.internal.pack.RulePack;
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
    private final AtomicReference<PackSet> packs;

    public PackEngine(PackSet packs) {
        this.packs = new AtomicReference<>(packs);
    }

    /** Compiles every pack under the rules folder; any pack that does not compile fails the whole load. */
    public static PackEngine load(Path rules) {
        LoadReport report = LoadReport.load(rules, new PackLoader());
        if (!report.failures().isEmpty()) {
            throw new PackException(report.failures().values().stream().flatMap(List::stream).toList());
        }
        return new PackEngine(report.packs());
    }

    /** The packs now serving. */
    public PackSet packs() {
        return packs.get();
    }

    /** Replaces the serving packs at once; evaluations already running finish on the snapshot they started with. */
    public void swap(PackSet next) {
        packs.set(next);
    }

    /** Evaluates with the version that governs the proposal's submission date. */
    public Verdict evaluate(String call, Proposal proposal) {
        return evaluate(call, null, proposal);
    }

    /** Evaluates with the named version, or (version null) the one that governs the submission date. */
    public Verdict evaluate(String call, String version, Proposal proposal) {
        PackSet snapshot = packs.get();
        RulePack pack = snapshot.select(call, version, proposal.getSubmittedOn());
        return evaluate(pack, snapshot.reference(), proposal);
    }

    /** Evaluates against one given pack. */
    public static Verdict evaluate(RulePack pack, ReferenceData reference, Proposal proposal) {
        Evaluation evaluation = new Evaluation(pack);
        List<Object> facts = new ArrayList<>(6);
        facts.add(proposal);
        facts.add(evaluation);
        facts.add(pack.parameters());
        facts.add(reference);
        if (proposal.getFinancing() != null) facts.add(proposal.getFinancing());
        if (proposal.getPeriod() != null) facts.add(proposal.getPeriod());
        pack.session().execute(facts);
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
