package callcheck.model;

/** Whom a project addresses. */
public enum TargetGroup {
    /** Newcomers (inburgeraars): the target group call 507 requires (507-TARGET-GROUP). */
    NEWCOMERS,
    /** The public at large. */
    GENERAL_PUBLIC,
    /** Organisations, such as employers, associations and services. */
    ORGANISATIONS
}
