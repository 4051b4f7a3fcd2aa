package callcheck.round;

import callcheck.engine.Finding;
import callcheck.engine.Outcome;
import callcheck.model.Region;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.math.BigDecimal;
import java.util.List;

/**
 * The answer on a round (../shared/API.md, "Call rounds"): each proposal's verdict and what it asks, the call-level
 * findings on the selected proposals and their totals, and the proposed selection.
 *
 * @param roundId           the id under which the service recorded the round; null when nothing recorded it (left out
 *                          of the JSON then)
 * @param proposedSelection null only when no selection of eligible proposals meets every BLOCKING call-level rule
 *                          (which only a rule asking for a least number can cause)
 */
@JsonPropertyOrder({"roundId", "call", "version", "digest", "proposals", "findings", "totals", "proposedSelection"})
public record RoundResult(@JsonInclude(JsonInclude.Include.NON_NULL) String roundId, String call, String version, String digest, List<Line> proposals, List<Finding> findings, Totals totals,
                          Proposed proposedSelection) {

    /** The same answer under the id the round is recorded with. */
    public RoundResult withRoundId(String id) {
        return new RoundResult(id, call, version, digest, proposals, findings, totals, proposedSelection);
    }

    /** One proposal: its verdict (and the decision that gave it), what it asks, whether small, its region and score. */
    @JsonPropertyOrder({"id", "verdict", "decisionId", "subsidy", "amif", "vvsg", "small", "region", "score", "selected"})
    public record Line(String id, Outcome verdict, String decisionId, BigDecimal subsidy, BigDecimal amif, BigDecimal vvsg,
                       boolean small, Region region, BigDecimal score, boolean selected) {
    }

    /** The selected proposals added up. */
    @JsonPropertyOrder({"selected", "subsidy", "amif", "vvsg", "small"})
    public record Totals(int selected, BigDecimal subsidy, BigDecimal amif, BigDecimal vvsg, int small) {
    }

    /**
     * The selection proposed: ids in the order the round gave them, the total score, whether it is proven the best
     * and, when not (the search stopped at its budget), an upper bound on the total score of any selection; its
     * totals, the call-level findings it still has (none BLOCKING), and why each other proposal is left out.
     */
    @JsonPropertyOrder({"ids", "totalScore", "optimal", "bound", "totals", "findings", "leftOut"})
    public record Proposed(List<String> ids, BigDecimal totalScore, boolean optimal, @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal bound,
                           Totals totals, List<Finding> findings, List<LeftOut> leftOut) {
    }

    public record LeftOut(String id, String reason) {
    }
}
