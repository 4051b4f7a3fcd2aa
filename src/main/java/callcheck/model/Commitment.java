package callcheck.model;

/** Engagements a proposal declares; each call requires its own. */
public enum Commitment {
    EVALUATE_TRAJECTORIES, OPERATIONAL_FRAMEWORK, LEARNING_NETWORK, INTEGRATION_PACT, BUILD_NETWORK,
    GUIDE_LEARNING_PROCESS
}
