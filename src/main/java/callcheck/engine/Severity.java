package callcheck.engine;

/** What a finding does to the verdict, in the order findings are listed. */
public enum Severity {
    /** The call excludes the proposal: the verdict is {@link Outcome#INELIGIBLE}. */
    BLOCKING,
    /** A fact the rule needs is absent: the verdict is {@link Outcome#INCOMPLETE} unless something is blocking. */
    MISSING,
    /** Advice from the call that does not exclude the proposal. */
    WARNING,
    /** An explanation; changes nothing. */
    INFO
}
