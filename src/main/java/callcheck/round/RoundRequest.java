package callcheck.round;

import callcheck.model.Proposal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A round as a client sends it (../shared/API.md, "Call rounds"), read and checked by {@link RoundReader}.
 *
 * @param proposals the proposals, each with its id in the round
 * @param selected  the ids the agency selected, in the order given; empty when none
 * @param scores    the jury's score per id, or null when none were given (every proposal then counts 1)
 */
public record RoundRequest(List<Entry> proposals, List<String> selected, Map<String, BigDecimal> scores) {
    /** One proposal: inline ({@code proposal}) or recorded ({@code decisionId}); exactly one of the two. */
    public record Entry(String id, Proposal proposal, String decisionId) {
    }

    public RoundRequest {
        proposals = List.copyOf(proposals);
        selected = List.copyOf(selected);
        scores = scores == null ? null : Map.copyOf(scores);
    }
}
