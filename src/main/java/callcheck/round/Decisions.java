package callcheck.round;

import callcheck.engine.Verdict;
import callcheck.model.Proposal;

import java.util.Optional;

/**
 * Where a round finds the proposals it names by {@code decisionId}: the decision store, once one is configured.
 * {@link #NONE} knows no decision, so every {@code decisionId} is answered as unknown.
 */
public interface Decisions {
    /** A decision as it was recorded: the proposal as read and the verdict as answered. */
    record Decided(Proposal proposal, Verdict verdict) {
    }

    /** The recorded decision, or empty when there is none with this id. */
    Optional<Decided> find(String decisionId);

    /** True when a store answers; false for {@link #NONE}, so that an unknown id can say why. */
    default boolean configured() {
        return true;
    }

    Decisions NONE = new Decisions() {
        @Override
        public Optional<Decided> find(String decisionId) {
            return Optional.empty();
        }

        @Override
        public boolean configured() {
            return false;
        }
    };
}
