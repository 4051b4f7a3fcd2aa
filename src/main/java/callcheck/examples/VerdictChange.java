package callcheck.examples;

import callcheck.engine.Finding;
import callcheck.engine.Verdict;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What differs between two verdicts on one proposal, as {@code callcheck diff} shows it: the verdict, the findings
 * rule by rule (severity, message, values), the financing plan. The decision id, the version, the digest and the
 * rules that passed are not compared.
 */
public record VerdictChange(Verdict before, Verdict after) {

    public boolean verdictChanged() {
        return before.verdict() != after.verdict();
    }

    /** The ids of the rules whose findings differ, sorted. */
    public List<String> changedRules() {
        TreeSet<String> ids = new TreeSet<>();
        for (Finding f : before.findings()) ids.add(f.rule());
        for (Finding f : after.findings()) ids.add(f.rule());
        return ids.stream().filter(id -> !findingsOf(before, id).equals(findingsOf(after, id))).toList();
    }

    public boolean financingChanged() {
        return !Objects.equals(before.financing(), after.financing());
    }

    /** True when nothing of the above differs. */
    public boolean none() {
        return !verdictChanged() && before.findings().equals(after.findings()) && !financingChanged();
    }

    /** The findings of one rule in a verdict, in order; empty when it found nothing. */
    public static List<Finding> findingsOf(Verdict v, String ruleId) {
        return v.findings().stream().filter(f -> f.rule().equals(ruleId)).toList();
    }
}
