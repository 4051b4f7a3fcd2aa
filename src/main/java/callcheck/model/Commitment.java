package callcheck.model;

/** Engagements a proposal declares; each call requires its own. */
public enum Commitment {
    /** To develop, test and evaluate its trajectories (call 507, 507-EVALUATION). */
    EVALUATE_TRAJECTORIES,
    /** To build an operational framework for a lasting fourth pillar of inburgering locally (507-FRAMEWORK). */
    OPERATIONAL_FRAMEWORK,
    /** To take part in the Lerend Netwerk, the learning network of the proeftuinen (507-LEARNING-NETWORK). */
    LEARNING_NETWORK,
    /** The Integratiepact engagement declaration is signed (call 426, 426-PACT). */
    INTEGRATION_PACT,
    /** To build the organisation network of its region (call 41, 41-TASKS). */
    BUILD_NETWORK,
    /** To guide the network's action-oriented learning process (call 41, 41-TASKS). */
    GUIDE_LEARNING_PROCESS
}
