package callcheck.engine;

/** The verdict on a proposal, decided by the severities of its findings. */
public enum Outcome {
    /** No finding is {@link Severity#BLOCKING} or {@link Severity#MISSING}; warnings and infos may stand beside it. */
    ELIGIBLE,
    /** At least one finding is {@link Severity#BLOCKING}: the call excludes the proposal as it stands. */
    INELIGIBLE,
    /** No finding is blocking, but a rule lacks a fact it needs ({@link Severity#MISSING}): it cannot be decided. */
    INCOMPLETE
}
