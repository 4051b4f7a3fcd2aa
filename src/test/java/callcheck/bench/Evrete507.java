package callcheck.bench;

import callcheck.engine.Outcome;
import callcheck.model.Commitment;
import callcheck.model.Experience;
import callcheck.model.Financing;
import callcheck.model.Organisation;
import callcheck.model.Proposal;
import callcheck.model.TargetGroup;
import callcheck.model.TrajectoryForm;
import callcheck.reference.ReferenceData;
import callcheck.rules.Money;
import callcheck.rules.Parameters;
import org.evrete.KnowledgeService;
import org.evrete.api.Knowledge;
import org.evrete.api.StatelessSession;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Call 507's rules written for another Java rule engine, Evrete (org.evrete:evrete-core): one Evrete rule per rule id
 * and severity, each a pattern over the proposal and the evaluation's result (the two facts inserted per evaluation,
 * as the pack joins the proposal with its Evaluation), its condition a Java predicate, its action adding the id. Bench
 * code: it gives what {@link HandWritten507} gives (checked by {@code Evrete507Test}), so that {@code EvreteBenchmark}
 * measures a second rule engine on the same rules in the same run as callcheck and the hand-written baseline.
 */
public final class Evrete507 {
    /** What the rules found for one proposal. */
    public static final class Found {
        final List<String> blocking = new ArrayList<>(4), missing = new ArrayList<>(2), warnings = new ArrayList<>(2);
    }

    private final KnowledgeService service;
    private final Knowledge knowledge;
    private final Numbers507 n;
    private final ReferenceData ref;

    public Evrete507(Parameters p, ReferenceData ref) {
        n = Numbers507.of(p);
        this.ref = ref;
        // Rules on the caller's thread, as callcheck evaluates: Evrete's own pool would add a thread hand-off.
        service = KnowledgeService.builder().withExecutor(new CallerRuns()).build();
        var rules = service.newKnowledge().builder();
        // who
        blocking(rules, "507-APPLICANT", p1 -> known(p1.getApplicant()) && p1.getApplicant().isIdentified()
                && !ref.isFlemishLocalGovernment(p1.getApplicant(), p1.getSubmittedOn()));
        missing(rules, "507-APPLICANT", p1 -> !known(p1.getApplicant()) || !p1.getApplicant().isIdentified());
        blocking(rules, "507-DIRECTOR", p1 -> known(p1.getApplicant()) && !p1.getApplicant().isLocalGovernment()
                && p1.getOthers().stream().anyMatch(Organisation::isLocalGovernment));
        missing(rules, "507-DIRECTOR", p1 -> !known(p1.getApplicant()));
        warning(rules, "507-SMALL-ALONE", p1 -> known(p1.getApplicant()) && p1.getApplicant().getKind().isMunicipal()
                && p1.getCoApplicants().isEmpty() && ref.isSmall(p1.getApplicant().getNis(), p1.getSubmittedOn()));
        blocking(rules, "507-CO-APPLICANTS", p1 -> p1.getCoApplicants().stream()
                .anyMatch(c -> known(c) && c.isIdentified() && !ref.isFlemishLocalGovernment(c, p1.getSubmittedOn())));
        missing(rules, "507-CO-APPLICANTS", p1 -> p1.getCoApplicants().stream().anyMatch(c -> !known(c) || !c.isIdentified()));
        blocking(rules, "507-PARTNER-EXPERIENCE", p1 -> p1.getPartners().stream().anyMatch(o -> known(o) && !o.isLocalGovernment()
                && o.getExperience() != null && !o.hasExperience(Experience.NEWCOMER_PARTICIPATION)));
        missing(rules, "507-PARTNER-EXPERIENCE", p1 -> p1.getPartners().stream()
                .anyMatch(o -> !known(o) || !o.isLocalGovernment() && o.getExperience() == null));
        // money
        either(rules, "507-SUBSIDY-MAX", p1 -> f(p1) == null || f(p1).getAmif() == null || f(p1).getVvsg() == null,
                p1 -> f(p1).getSubsidy() != null && f(p1).getSubsidy().compareTo(n.subsidyMax()) > 0);
        either(rules, "507-AMIF-SHARE", p1 -> f(p1) == null || f(p1).getAmif() == null || f(p1).getTotalCost() == null,
                p1 -> Money.aboveShare(f(p1).getAmif(), f(p1).getTotalCost(), n.amifShare()));
        either(rules, "507-VVSG-SHARE", p1 -> f(p1) == null || f(p1).getVvsg() == null || f(p1).getTotalCost() == null,
                p1 -> Money.aboveShare(f(p1).getVvsg(), f(p1).getTotalCost(), n.vvsgShare()));
        either(rules, "507-OWN-SHARE", p1 -> f(p1) == null || f(p1).getOwn() == null || f(p1).getTotalCost() == null,
                p1 -> Money.belowShare(f(p1).getOwn(), f(p1).getTotalCost(), n.ownShare()));
        either(rules, "507-BALANCE", p1 -> f(p1) == null || f(p1).getTotalCost() == null || f(p1).getAmif() == null
                        || f(p1).getVvsg() == null || f(p1).getOwn() == null,
                p1 -> !Money.addsUp(f(p1).getTotalCost(), f(p1).getAmif(), f(p1).getVvsg(), f(p1).getOwn()));
        // when
        blocking(rules, "507-DEADLINE", p1 -> p1.getSubmittedOn().isAfter(n.deadline()));
        either(rules, "507-PERIOD", p1 -> p1.getPeriod() == null || p1.getPeriod().getStart() == null || p1.getPeriod().getEnd() == null,
                p1 -> !p1.getPeriod().within(n.periodStart(), n.periodEnd()));
        // what
        missing(rules, "507-TRAJECTORY", p1 -> p1.getTrajectories() == null || p1.getTrajectories().stream().anyMatch(t -> t.getForm() == null));
        blocking(rules, "507-TRAJECTORY", p1 -> p1.getTrajectories() != null && p1.getTrajectories().stream().noneMatch(t -> t.getForm() == null)
                && (p1.getTrajectories().isEmpty() || p1.getTrajectories().stream().anyMatch(t -> t.getForm() == TrajectoryForm.OTHER && !t.isJustified())));
        missing(rules, "507-HOURS", p1 -> p1.getTrajectories() != null && p1.getTrajectories().stream().anyMatch(t -> t.getHoursPerParticipant() == null));
        warning(rules, "507-HOURS", p1 -> p1.getTrajectories() != null && p1.getTrajectories().stream().allMatch(t -> t.getHoursPerParticipant() != null)
                && p1.getTrajectories().stream().anyMatch(t -> t.getHoursPerParticipant().compareTo(n.hours()) < 0));
        either(rules, "507-TARGET-GROUP", p1 -> p1.getTargetGroups() == null, p1 -> !p1.getTargetGroups().contains(TargetGroup.NEWCOMERS));
        commitment(rules, "507-EVALUATION", Commitment.EVALUATE_TRAJECTORIES);
        commitment(rules, "507-FRAMEWORK", Commitment.OPERATIONAL_FRAMEWORK);
        commitment(rules, "507-LEARNING-NETWORK", Commitment.LEARNING_NETWORK);
        knowledge = rules.build();
    }

    public HandWritten507.Result evaluate(Proposal p) {
        Found found = new Found();
        StatelessSession session = knowledge.newStatelessSession();
        session.insert(p, found);
        session.fire();
        Outcome o = !found.blocking.isEmpty() ? Outcome.INELIGIBLE : !found.missing.isEmpty() ? Outcome.INCOMPLETE : Outcome.ELIGIBLE;
        return new HandWritten507.Result(o, found.blocking, found.missing, found.warnings);
    }

    public void close() {
        service.shutdown();
    }

    private static boolean known(Organisation o) {
        return o != null && o.getKind() != null;
    }

    private static Financing f(Proposal p) {
        return p.getFinancing();
    }

    private enum Sev { BLOCKING, MISSING, WARNING }

    private static void rule(org.evrete.api.builders.RuleSetBuilder<Knowledge> rules, String id, Sev sev, Predicate<Proposal> when) {
        rules.newRule(id + "/" + sev)
                .forEach("$p", Proposal.class, "$r", Found.class)
                .where((org.evrete.api.ValuesPredicate) values -> when.test((Proposal) values.apply(0)), "$p")
                .execute(ctx -> {
                    Found r = ctx.get("$r");
                    (sev == Sev.BLOCKING ? r.blocking : sev == Sev.MISSING ? r.missing : r.warnings).add(id);
                });
    }

    private static void blocking(org.evrete.api.builders.RuleSetBuilder<Knowledge> rules, String id, Predicate<Proposal> when) {
        rule(rules, id, Sev.BLOCKING, when);
    }

    private static void missing(org.evrete.api.builders.RuleSetBuilder<Knowledge> rules, String id, Predicate<Proposal> when) {
        rule(rules, id, Sev.MISSING, when);
    }

    private static void warning(org.evrete.api.builders.RuleSetBuilder<Knowledge> rules, String id, Predicate<Proposal> when) {
        rule(rules, id, Sev.WARNING, when);
    }

    /** Missing facts win over a verdict on half of them, as in the pack. */
    private static void either(org.evrete.api.builders.RuleSetBuilder<Knowledge> rules, String id, Predicate<Proposal> missing,
                               Predicate<Proposal> fails) {
        missing(rules, id, missing);
        blocking(rules, id, missing.negate().and(fails));
    }

    private static void commitment(org.evrete.api.builders.RuleSetBuilder<Knowledge> rules, String id, Commitment c) {
        either(rules, id, p -> p.getCommitments() == null, p -> !p.commitsTo(c));
    }

    /** Runs every task on the thread that submits it. */
    private static final class CallerRuns extends AbstractExecutorService {
        private volatile boolean shutdown;

        @Override
        public void execute(Runnable command) {
            command.run();
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shutdown = true;
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }
}
