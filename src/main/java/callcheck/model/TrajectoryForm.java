package callcheck.model;

/** Forms of a social networking and participation trajectory; OTHER needs a justification. */
public enum TrajectoryForm {
    BUDDY, INTERNSHIP, VOLUNTEERING, LANGUAGE_INTERNSHIP, ASSOCIATION_INTRODUCTION, CARE_HOME, SERVICE_CENTRE,
    NEIGHBOURHOOD_WORK, OTHER
}
