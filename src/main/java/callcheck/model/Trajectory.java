package callcheck.model;

import java.math.BigDecimal;

/** One trajectory of social networking and participation offered to newcomers (call 507). */
public final class Trajectory {
    private TrajectoryForm form;
    private BigDecimal hoursPerParticipant;
    private String justification;

    /** A trajectory with every field absent; JSON reading fills it in. */
    public Trajectory() {
    }

    /**
     * A trajectory as the proposal describes it.
     *
     * @param form                its form, or null when not said
     * @param hoursPerParticipant the hours it offers each newcomer, from 0 to {@link ProposalReader#MAX_HOURS};
     *                            or null when not said
     * @param justification       for {@link TrajectoryForm#OTHER}, the written justification of its added value;
     *                            else usually null
     */
    public Trajectory(TrajectoryForm form, BigDecimal hoursPerParticipant, String justification) {
        this.form = form;
        this.hoursPerParticipant = hoursPerParticipant;
        this.justification = justification;
    }

    /** @return the trajectory's form, or null when not said */
    public TrajectoryForm getForm() { return form; }
    /** @return the hours it offers each newcomer, or null when not said */
    public BigDecimal getHoursPerParticipant() { return hoursPerParticipant; }
    /** @return the justification of an {@link TrajectoryForm#OTHER} form, or null */
    public String getJustification() { return justification; }

    /**
     * Whether the trajectory has a form the call accepts.
     *
     * @return true for a named form, or for OTHER with a written (not blank) justification of its added value
     */
    public boolean isJustified() {
        return form != null && (form != TrajectoryForm.OTHER || (justification != null && !justification.isBlank()));
    }
}
