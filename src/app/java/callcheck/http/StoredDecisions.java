package callcheck.http;

import callcheck.engine.Verdict;
import callcheck.json.Json;
import callcheck.model.ProposalReader;
import callcheck.round.Decisions;
import callcheck.store.DecisionStore;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.UncheckedIOException;
import java.util.Optional;

/** The decisions a round names by decisionId, read from the decision store: the proposal as read, the verdict as answered. */
final class StoredDecisions implements Decisions {
    private final DecisionStore store;

    StoredDecisions(DecisionStore store) {
        this.store = store;
    }

    /** Empty for an unknown id, and for a decision whose proposal the retention erased: there is nothing to judge. */
    @Override
    public Optional<Decided> find(String decisionId) {
        return store.find(decisionId).filter(d -> d.proposalJson() != null).map(d -> {
            try {
                return new Decided(ProposalReader.read(d.proposalJson()), Json.output().readValue(d.verdictJson(), Verdict.class));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException("decision " + decisionId + " holds a verdict that cannot be read", e);
            }
        });
    }
}
