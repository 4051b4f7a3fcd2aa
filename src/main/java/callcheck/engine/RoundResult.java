package callcheck.engine;

import callcheck.model.Region;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.math.BigDecimal;
import java.util.List;

/**
 * The answer on a round ({@link Engine#round}, and the service's {@code POST /v1/calls/{call}/rounds}): each
 * proposal's verdict and what it asks, the call-level findings on the selected proposals and their totals, and the
 * proposed selection. Amounts are in euro. Serialised with Jackson, the components come in this order, as in the
 * service's answer.
 *
 * @param roundId           the id under which the service recorded the round; null when nothing recorded it (left out
 *                          of the JSON then), as always from {@link Engine#round}
 * @param call              the call id
 * @param version           the version of the call's rules that decided
 * @param digest            that version's digest, {@code sha256:<hex>}
 * @param proposals         every proposal of the round, in the order given
 * @param findings          what the call-level rules found on the selected proposals; empty when none is selected
 * @param totals            the selected proposals added up
 * @param proposedSelection the best selection of the eligible proposals; null only when no selection meets every
 *                          BLOCKING call-level rule (which only a rule asking for a least number can cause)
 */
@JsonPropertyOrder({"roundId", "call", "version", "digest", "proposals", "findings", "totals", "proposedSelection"})
public record RoundResult(@JsonInclude(JsonInclude.Include.NON_NULL) String roundId, String call, String version, String digest, List<Line> proposals, List<Finding> findings, Totals totals,
                          Proposed proposedSelection) {

    /**
     * The same answer under the id the round is recorded with.
     *
     * @param id the round's id
     * @return a copy with that id
     */
    public RoundResult withRoundId(String id) {
        return new RoundResult(id, call, version, digest, proposals, findings, totals, proposedSelection);
    }

    /**
     * One proposal of the round.
     *
     * @param id         its id in the round
     * @param verdict    its outcome
     * @param decisionId the decision that gave the outcome
     * @param subsidy    the subsidy it asks (AMIF plus VVSG)
     * @param amif       the AMIF contribution it asks
     * @param vvsg       the VVSG cofinancing it asks
     * @param small      whether it counts as one of a small city or municipality
     * @param region     its region, or null
     * @param score      the jury's score (1 when the round gives no scores), or null when the jury gave it none
     * @param selected   whether the agency selected it
     */
    @JsonPropertyOrder({"id", "verdict", "decisionId", "subsidy", "amif", "vvsg", "small", "region", "score", "selected"})
    public record Line(String id, Outcome verdict, String decisionId, BigDecimal subsidy, BigDecimal amif, BigDecimal vvsg,
                       boolean small, Region region, BigDecimal score, boolean selected) {
    }

    /**
     * Proposals added up.
     *
     * @param selected how many
     * @param subsidy  the subsidy they ask
     * @param amif     the AMIF contribution they ask
     * @param vvsg     the VVSG cofinancing they ask
     * @param small    how many count as of a small city or municipality
     */
    @JsonPropertyOrder({"selected", "subsidy", "amif", "vvsg", "small"})
    public record Totals(int selected, BigDecimal subsidy, BigDecimal amif, BigDecimal vvsg, int small) {
    }

    /**
     * The selection proposed.
     *
     * @param ids        the proposals in it, in the order the round gave them
     * @param totalScore their scores added up
     * @param optimal    whether it is proven the best; false when the search stopped at its budget
     * @param bound      when not optimal, an upper bound on the total score of any selection; else null (left out of
     *                   the JSON)
     * @param totals     its totals
     * @param findings   the call-level findings it still has (none BLOCKING)
     * @param leftOut    why each other proposal is left out
     */
    @JsonPropertyOrder({"ids", "totalScore", "optimal", "bound", "totals", "findings", "leftOut"})
    public record Proposed(List<String> ids, BigDecimal totalScore, boolean optimal, @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal bound,
                           Totals totals, List<Finding> findings, List<LeftOut> leftOut) {
    }

    /**
     * A proposal left out of the proposed selection.
     *
     * @param id     its id in the round
     * @param reason why, in English
     */
    public record LeftOut(String id, String reason) {
    }
}
