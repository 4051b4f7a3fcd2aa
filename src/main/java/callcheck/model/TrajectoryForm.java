package callcheck.model;

/** Forms of a social networking and participation trajectory, as call 507 names them; OTHER needs a justification. */
public enum TrajectoryForm {
    /** A buddy project: a local resident accompanies a newcomer. */
    BUDDY,
    /** An internship at a company, association, organisation or local government. */
    INTERNSHIP,
    /** An introduction to volunteering. */
    VOLUNTEERING,
    /** A language internship (taalstage): practising Dutch in a real setting. */
    LANGUAGE_INTERNSHIP,
    /** An introduction to a culture, youth or sport association. */
    ASSOCIATION_INTRODUCTION,
    /** Taking part in a residential care home (woonzorgcentrum). */
    CARE_HOME,
    /** Taking part in a local service centre (lokaal dienstencentrum). */
    SERVICE_CENTRE,
    /** Taking part in neighbourhood work (buurtwerking). */
    NEIGHBOURHOOD_WORK,
    /** A form the call does not name: counts only with a written justification of its added value. */
    OTHER
}
