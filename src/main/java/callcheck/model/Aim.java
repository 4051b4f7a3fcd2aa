package callcheck.model;

/** What a project aims at, where a call asks for a particular aim (call 426). */
public enum Aim {
    /** A change of behaviour towards diversity, discrimination and racism, as call 426 asks (426-BEHAVIOUR). */
    BEHAVIOUR_CHANGE
}
