package callcheck.model;

import java.time.LocalDate;
import java.util.List;

/**
 * A proposal as a client sends it (../shared/API.md). Fields are null when absent, so that a rule can
 * report a missing fact instead of treating it as "no". Instances are never changed after parsing.
 */
public final class Proposal {
    private LocalDate submittedOn;
    private String title;
    private Organisation applicant;
    private List<Organisation> coApplicants;
    private List<Organisation> partners;
    private Region region;
    private Period period;
    private Financing financing;
    private List<Trajectory> trajectories;
    private List<Action> actions;
    private List<TargetGroup> targetGroups;
    private List<Aim> aims;
    private List<Commitment> commitments;

    public Proposal() {
    }

    public LocalDate getSubmittedOn() { return submittedOn; }
    public String getTitle() { return title; }
    public Organisation getApplicant() { return applicant; }
    /** Co-applicants; an absent list means none were named. */
    public List<Organisation> getCoApplicants() { return coApplicants == null ? List.of() : coApplicants; }
    /** Partners; an absent list means none were named. */
    public List<Organisation> getPartners() { return partners == null ? List.of() : partners; }
    public Region getRegion() { return region; }
    public Period getPeriod() { return period; }
    public Financing getFinancing() { return financing; }
    public List<Trajectory> getTrajectories() { return trajectories; }
    public List<Action> getActions() { return actions; }
    public List<TargetGroup> getTargetGroups() { return targetGroups; }
    public List<Aim> getAims() { return aims; }
    public List<Commitment> getCommitments() { return commitments; }

    /** The lead applicant (when named) and the co-applicants: everyone who submits. */
    public List<Organisation> getApplicants() {
        List<Organisation> all = new java.util.ArrayList<>();
        if (applicant != null) all.add(applicant);
        all.addAll(getCoApplicants());
        return all;
    }

    /** Co-applicants and partners together: everyone who takes part besides the lead applicant. */
    public List<Organisation> getOthers() {
        List<Organisation> all = new java.util.ArrayList<>(getCoApplicants());
        all.addAll(getPartners());
        return all;
    }

    /** The whole partnership: the lead applicant (when named), its co-applicants and partners. */
    public List<Organisation> getPartnership() {
        List<Organisation> all = new java.util.ArrayList<>();
        if (applicant != null) all.add(applicant);
        all.addAll(getOthers());
        return all;
    }

    /** True when the commitments are known and include the given one. */
    public boolean commitsTo(Commitment commitment) { return commitments != null && commitments.contains(commitment); }
}
