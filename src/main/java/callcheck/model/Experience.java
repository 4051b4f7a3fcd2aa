package callcheck.model;

/** Topics an organisation can show practice experience in. */
public enum Experience {
    /** Practice in the social networking and participation of newcomers (call 507, 507-PARTNER-EXPERIENCE). */
    NEWCOMER_PARTICIPATION,
    /** Good practice with methods against discrimination and racism and for behaviour change (426-EXPERIENCE). */
    ANTI_DISCRIMINATION
}
