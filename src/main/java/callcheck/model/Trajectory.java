package callcheck.model;

import java.math.BigDecimal;

/** One trajectory offered to newcomers. */
public final class Trajectory {
    private TrajectoryForm form;
    private BigDecimal hoursPerParticipant;
    private String justification;

    public Trajectory() {
    }

    public Trajectory(TrajectoryForm form, BigDecimal hoursPerParticipant, String justification) {
        this.form = form;
        this.hoursPerParticipant = hoursPerParticipant;
        this.justification = justification;
    }

    public TrajectoryForm getForm() { return form; }
    public BigDecimal getHoursPerParticipant() { return hoursPerParticipant; }
    public String getJustification() { return justification; }

    /** A named form, or OTHER with a written justification of its added value. */
    public boolean isJustified() {
        return form != null && (form != TrajectoryForm.OTHER || (justification != null && !justification.isBlank()));
    }
}
