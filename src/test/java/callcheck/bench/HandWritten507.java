package callcheck.bench;

import callcheck.rules.Money;
import callcheck.engine.Outcome;
import callcheck.model.Commitment;
import callcheck.model.Experience;
import callcheck.model.Financing;
import callcheck.model.Organisation;
import callcheck.model.Proposal;
import callcheck.model.TargetGroup;
import callcheck.model.Trajectory;
import callcheck.model.TrajectoryForm;
import callcheck.rules.Parameters;
import callcheck.reference.ReferenceData;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Call 507's rules written by hand in plain Java: the baseline that shows what the rules engine costs. Bench code,
 * not product code: it gives only the outcome and the ids of the rules that find something, and reads the call's
 * numbers from the same pack parameters, so that the comparison is about evaluation alone.
 */
public final class HandWritten507 {
    /** The pack version whose rules this class repeats. */
    public static final String VERSION = "2020-07-14";
    public enum Sev { BLOCKING, MISSING, WARNING }

    public record Result(Outcome outcome, List<String> blocking, List<String> missing, List<String> warnings) {
    }

    private final Numbers507 n;
    private final ReferenceData ref;

    public HandWritten507(Parameters p, ReferenceData ref) {
        n = Numbers507.of(p);
        this.ref = ref;
    }

    public Result evaluate(Proposal p) {
        List<String> b = new ArrayList<>(4), m = new ArrayList<>(2), w = new ArrayList<>(2);
        LocalDate d = p.getSubmittedOn();
        Organisation a = p.getApplicant();
        // who
        if (a == null || a.getKind() == null) {
            m.add("507-APPLICANT");
            m.add("507-DIRECTOR");
        } else {
            if (!a.isIdentified()) m.add("507-APPLICANT");
            else if (!ref.isFlemishLocalGovernment(a, d)) b.add("507-APPLICANT");
            if (!a.isLocalGovernment()) {
                for (Organisation o : p.getOthers()) {
                    if (o.isLocalGovernment()) {
                        b.add("507-DIRECTOR");
                        break;
                    }
                }
            }
            if (a.getKind().isMunicipal() && p.getCoApplicants().isEmpty() && ref.isSmall(a.getNis(), d)) w.add("507-SMALL-ALONE");
        }
        boolean coBlocking = false, coMissing = false;
        for (Organisation c : p.getCoApplicants()) {
            if (c.getKind() == null || !c.isIdentified()) coMissing = true;
            else if (!ref.isFlemishLocalGovernment(c, d)) coBlocking = true;
        }
        if (coBlocking) b.add("507-CO-APPLICANTS");
        if (coMissing) m.add("507-CO-APPLICANTS");
        boolean pBlocking = false, pMissing = false;
        for (Organisation o : p.getPartners()) {
            if (o.getKind() == null) pMissing = true;
            else if (!o.isLocalGovernment()) {
                if (o.getExperience() == null) pMissing = true;
                else if (!o.hasExperience(Experience.NEWCOMER_PARTICIPATION)) pBlocking = true;
            }
        }
        if (pBlocking) b.add("507-PARTNER-EXPERIENCE");
        if (pMissing) m.add("507-PARTNER-EXPERIENCE");
        // money
        Financing f = p.getFinancing();
        BigDecimal total = f == null ? null : f.getTotalCost(), amif = f == null ? null : f.getAmif(),
                vvsg = f == null ? null : f.getVvsg(), own = f == null ? null : f.getOwn();
        check(amif == null || vvsg == null, f != null && f.getSubsidy() != null && f.getSubsidy().compareTo(n.subsidyMax()) > 0, "507-SUBSIDY-MAX", b, m);
        check(amif == null || total == null, Money.aboveShare(amif, total, n.amifShare()), "507-AMIF-SHARE", b, m);
        check(vvsg == null || total == null, Money.aboveShare(vvsg, total, n.vvsgShare()), "507-VVSG-SHARE", b, m);
        check(own == null || total == null, Money.belowShare(own, total, n.ownShare()), "507-OWN-SHARE", b, m);
        check(total == null || amif == null || vvsg == null || own == null, total != null && !Money.addsUp(total, amif, vvsg, own), "507-BALANCE", b, m);
        // when
        if (d.isAfter(n.deadline())) b.add("507-DEADLINE");
        var period = p.getPeriod();
        check(period == null || period.getStart() == null || period.getEnd() == null,
                period != null && period.getStart() != null && period.getEnd() != null && !period.within(n.periodStart(), n.periodEnd()), "507-PERIOD", b, m);
        // what
        List<Trajectory> ts = p.getTrajectories();
        if (ts == null) m.add("507-TRAJECTORY");
        else {
            boolean formMissing = false, bad = ts.isEmpty(), fewHours = false, hoursMissing = false;
            for (Trajectory t : ts) {
                if (t.getForm() == null) formMissing = true;
                else if (t.getForm() == TrajectoryForm.OTHER && !t.isJustified()) bad = true;
                if (t.getHoursPerParticipant() == null) hoursMissing = true;
                else if (t.getHoursPerParticipant().compareTo(n.hours()) < 0) fewHours = true;
            }
            check(formMissing, bad, "507-TRAJECTORY", b, m);
            if (hoursMissing) m.add("507-HOURS");
            else if (fewHours) w.add("507-HOURS");
        }
        check(p.getTargetGroups() == null, p.getTargetGroups() != null && !p.getTargetGroups().contains(TargetGroup.NEWCOMERS), "507-TARGET-GROUP", b, m);
        commitment(p, Commitment.EVALUATE_TRAJECTORIES, "507-EVALUATION", b, m);
        commitment(p, Commitment.OPERATIONAL_FRAMEWORK, "507-FRAMEWORK", b, m);
        commitment(p, Commitment.LEARNING_NETWORK, "507-LEARNING-NETWORK", b, m);
        Outcome o = !b.isEmpty() ? Outcome.INELIGIBLE : !m.isEmpty() ? Outcome.INCOMPLETE : Outcome.ELIGIBLE;
        return new Result(o, b, m, w);
    }

    private static void commitment(Proposal p, Commitment c, String id, List<String> b, List<String> m) {
        check(p.getCommitments() == null, p.getCommitments() != null && !p.commitsTo(c), id, b, m);
    }

    /** Missing facts win over a verdict on half of them, as in the engine. */
    private static void check(boolean missing, boolean fails, String id, List<String> b, List<String> m) {
        if (missing) m.add(id);
        else if (fails) b.add(id);
    }
}
