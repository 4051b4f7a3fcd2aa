package callcheck.model;

import java.time.LocalDate;
import java.util.List;

/**
 * A proposal as a client sends it: the JSON the HTTP service takes is the {@code Proposal} schema of its OpenAPI
 * document ({@code GET /openapi.json}), which {@link ProposalReader} reads. Fields are null when absent, so that a rule can
 * report a missing fact instead of treating it as "no". Immutable. Made by {@link ProposalReader} from JSON or by
 * {@link #builder()} in Java; both apply the same checks and refuse what they cannot take with an
 * {@link InvalidProposalException} naming the field.
 *
 * <pre>{@code
 * Proposal p = Proposal.builder()
 *         .submittedOn(LocalDate.of(2020, 10, 1))
 *         .applicant(Organisation.builder().name("Gemeente Tielt").kind(OrganisationKind.MUNICIPALITY).nis("37015"))
 *         .financing(Financing.builder().totalCost("80000").amif("20000").vvsg("20000").own("40000"))
 *         .build();
 * }</pre>
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

    private Proposal() {
    }

    /**
     * A builder for a proposal in Java, with every field absent.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the submission day, never null: it picks the rule version and is checked against deadlines */
    public LocalDate getSubmittedOn() { return submittedOn; }
    /** @return the project's title, or null. */
    public String getTitle() { return title; }
    /** @return the lead applicant, or null when not named. */
    public Organisation getApplicant() { return applicant; }
    /** @return the organisations that submit together with the lead applicant; empty when none are named */
    public List<Organisation> getCoApplicants() { return coApplicants == null ? List.of() : coApplicants; }
    /** @return the organisations that take part without applying; empty when none are named */
    public List<Organisation> getPartners() { return partners == null ? List.of() : partners; }
    /** @return the region of the organisation network (calls 41 and ACT), or null when not said */
    public Region getRegion() { return region; }
    /** @return the project's start and end, or null. */
    public Period getPeriod() { return period; }
    /** @return the financing plan asked for, or null. */
    public Financing getFinancing() { return financing; }
    /** @return the trajectories offered to newcomers, or null when not said. */
    public List<Trajectory> getTrajectories() { return trajectories; }
    /** @return the project's actions, or null when not said. */
    public List<Action> getActions() { return actions; }
    /** @return the target groups, or null when not said. */
    public List<TargetGroup> getTargetGroups() { return targetGroups; }
    /** @return the aims, or null when not said. */
    public List<Aim> getAims() { return aims; }
    /** @return what the applicants commit to, or null when not said. */
    public List<Commitment> getCommitments() { return commitments; }

    /** @return everyone who submits: the lead applicant (when named) and the co-applicants; a new list */
    public List<Organisation> getApplicants() {
        List<Organisation> all = new java.util.ArrayList<>();
        if (applicant != null) all.add(applicant);
        all.addAll(getCoApplicants());
        return all;
    }

    /** @return everyone who takes part besides the lead applicant: co-applicants, then partners; a new list */
    public List<Organisation> getOthers() {
        List<Organisation> all = new java.util.ArrayList<>(getCoApplicants());
        all.addAll(getPartners());
        return all;
    }

    /** @return the whole partnership: the lead applicant (when named), its co-applicants and partners; a new list */
    public List<Organisation> getPartnership() {
        List<Organisation> all = new java.util.ArrayList<>();
        if (applicant != null) all.add(applicant);
        all.addAll(getOthers());
        return all;
    }

    /**
     * Whether the proposal declares a commitment.
     *
     * @param commitment the commitment
     * @return true when the commitments are known and include it; false also when they are not said
     */
    public boolean commitsTo(Commitment commitment) { return commitments != null && commitments.contains(commitment); }

    /** Makes every list unmodifiable, its organisations' too, once the reader or the builder has checked them. */
    void freeze() {
        coApplicants = frozen(coApplicants);
        partners = frozen(partners);
        trajectories = frozen(trajectories);
        actions = frozen(actions);
        targetGroups = frozen(targetGroups);
        aims = frozen(aims);
        commitments = frozen(commitments);
        if (applicant != null) applicant.freeze();
        for (Organisation o : getOthers()) o.freeze();
    }

    private static <T> List<T> frozen(List<T> list) {
        return list == null ? null : java.util.Collections.unmodifiableList(list);
    }

    /**
     * Builds a {@link Proposal} field by field; {@link #build()} checks it as {@link ProposalReader} checks JSON.
     * Lists are copied, so changing a list after passing it changes nothing in the proposal.
     */
    public static final class Builder {
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

        private Builder() {
        }

        /**
         * @param v the day the proposal was submitted; required: {@link #build()} refuses a proposal without it
         * @return this builder
         */
        public Builder submittedOn(LocalDate v) { submittedOn = v; return this; }
        /**
         * @param v the project's title, or null
         * @return this builder
         */
        public Builder title(String v) { title = v; return this; }
        /**
         * @param v the lead applicant (promotor), or null when not named
         * @return this builder
         */
        public Builder applicant(Organisation v) { applicant = v; return this; }
        /**
         * @param v the lead applicant as built so far
         * @return this builder
         */
        public Builder applicant(Organisation.Builder v) { return applicant(v.build()); }
        /**
         * @param v the organisations that submit together with the lead applicant, or null for none
         * @return this builder
         */
        public Builder coApplicants(List<Organisation> v) { coApplicants = v; return this; }
        /**
         * @param v the organisations that take part without applying, or null for none
         * @return this builder
         */
        public Builder partners(List<Organisation> v) { partners = v; return this; }
        /**
         * @param v the region of the organisation network (calls 41 and ACT), or null
         * @return this builder
         */
        public Builder region(Region v) { region = v; return this; }
        /**
         * @param v the project's start and end, or null
         * @return this builder
         */
        public Builder period(Period v) { period = v; return this; }
        /**
         * @param v the financing plan asked for, or null
         * @return this builder
         */
        public Builder financing(Financing v) { financing = v; return this; }
        /**
         * @param v the financing plan as built so far
         * @return this builder
         */
        public Builder financing(Financing.Builder v) { return financing(v.build()); }
        /**
         * @param v the trajectories offered to newcomers, or null when not said
         * @return this builder
         */
        public Builder trajectories(List<Trajectory> v) { trajectories = v; return this; }
        /**
         * @param v the project's actions, or null when not said
         * @return this builder
         */
        public Builder actions(List<Action> v) { actions = v; return this; }
        /**
         * @param v the target groups, or null when not said
         * @return this builder
         */
        public Builder targetGroups(List<TargetGroup> v) { targetGroups = v; return this; }
        /**
         * @param v the aims, or null when not said
         * @return this builder
         */
        public Builder aims(List<Aim> v) { aims = v; return this; }
        /**
         * @param v what the applicants commit to, or null when not said
         * @return this builder
         */
        public Builder commitments(List<Commitment> v) { commitments = v; return this; }

        /**
         * The proposal, after the checks {@link ProposalReader} applies to JSON (required fields, amounts from 0 to
         * {@link ProposalReader#MAX_AMOUNT} with at most two decimals, dates in order, NIS codes, no null in a list).
         *
         * @return the proposal
         * @throws InvalidProposalException naming the field at fault, with the same code the JSON path gives
         */
        public Proposal build() {
            Proposal p = new Proposal();
            p.submittedOn = submittedOn;
            p.title = title;
            p.applicant = applicant;
            p.coApplicants = copy(coApplicants);
            p.partners = copy(partners);
            p.region = region;
            p.period = period;
            p.financing = financing;
            p.trajectories = copy(trajectories);
            p.actions = copy(actions);
            p.targetGroups = copy(targetGroups);
            p.aims = copy(aims);
            p.commitments = copy(commitments);
            return ProposalReader.validate(p);
        }

        /** A copy that keeps a null element, so that the checks can name it; the checks then freeze it. */
        private static <T> List<T> copy(List<T> list) {
            return list == null ? null : new java.util.ArrayList<>(list);
        }
    }
}
