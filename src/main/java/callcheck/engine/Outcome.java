package callcheck.engine;

/** The verdict on a proposal. */
public enum Outcome { ELIGIBLE, INELIGIBLE, INCOMPLETE }
