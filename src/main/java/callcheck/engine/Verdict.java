package callcheck.engine;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * What the engine answers: the outcome with every finding, the rules that passed, the financing plan the rules
 * allow, and the exact pack that decided. The same proposal with the same pack (digest) gives the same verdict,
 * but for its decision id. The engine's verdicts hold unmodifiable lists. Serialised with Jackson, the components
 * come in this order, as in the service's answer.
 *
 * @param decisionId a <a href="https://github.com/ulid/spec">ULID</a> (26 characters, ordered by time), new for every
 *                   evaluation, that finds the decision in logs and records
 * @param call       the call id, such as {@code 507}
 * @param version    the version of the call's rules that decided, such as {@code 2020-07-14}
 * @param digest     {@code sha256:<hex>} over the pack's files, the modules it includes and the reference data:
 *                   names the exact rules that decided
 * @param verdict    the outcome: {@link Outcome#INELIGIBLE} if any finding is blocking, else
 *                   {@link Outcome#INCOMPLETE} if any is missing, else {@link Outcome#ELIGIBLE}
 * @param findings   every finding, ordered by severity (as {@link Severity} lists them), then rule id, then as
 *                   reported; empty when no rule found anything
 * @param passed     the ids of the pack's rules that were checked and found nothing, sorted
 * @param financing  the financing the rules allow for the proposal's total cost; null when the total cost is
 *                   absent or the pack computes no plan
 */
@JsonPropertyOrder({"decisionId", "call", "version", "digest", "verdict", "findings", "passed", "financing"})
public record Verdict(String decisionId, String call, String version, String digest, Outcome verdict,
                      List<Finding> findings, List<String> passed, FinancingPlan financing) {
}
