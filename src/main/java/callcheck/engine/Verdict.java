package callcheck.engine;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * What the engine answers (../shared/API.md): the outcome with every finding, the rules that passed, the financing
 * plan the rules allow, and the exact pack that decided.
 */
@JsonPropertyOrder({"decisionId", "call", "version", "digest", "verdict", "findings", "passed", "financing"})
public record Verdict(String decisionId, String call, String version, String digest, Outcome verdict,
                      List<Finding> findings, List<String> passed, FinancingPlan financing) {
}
