package callcheck.model;

/** Topics an organisation can show practice experience in. */
public enum Experience { NEWCOMER_PARTICIPATION, ANTI_DISCRIMINATION }
