package callcheck.engine;

import callcheck.engine.Severity;
import callcheck.engine.Source;

import java.util.Map;

/** One thing a rule found about a proposal, with what decided it. */
public record Finding(String rule, Severity severity, Messages message, Source source, String assumption,
                      Map<String, Object> values) {

    public record Messages(String nl, String en) {
    }
}
