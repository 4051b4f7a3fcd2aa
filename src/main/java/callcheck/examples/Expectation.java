package callcheck.examples;

import callcheck.engine.Outcome;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * What an example proposal must give, from its {@code <name>.expected.json}: the verdict, the ids of every rule
 * that finds something (any severity, in any order), optionally a pinned version, and what the example shows.
 */
public record Expectation(@JsonProperty(required = true) Outcome verdict,
                          @JsonProperty(required = true) List<String> findings,
                          String version,
                          String about) {
    public Expectation {
        findings = List.copyOf(findings);
    }
}
