package callcheck.rules;

import callcheck.engine.FinancingPlan;
import callcheck.engine.Finding;
import callcheck.engine.Outcome;
import callcheck.engine.Verdict;

import callcheck.internal.pack.RuleInfo;
import callcheck.internal.pack.RulePack;
import callcheck.engine.Severity;
import org.kie.api.runtime.rule.RuleContext;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The result fact of one evaluation: made fresh for each proposal and inserted beside it, so that nothing is
 * shared between threads. Rules call {@link #report} from their consequence; the rule's metadata supplies the
 * id, severity, messages and source.
 *
 * <pre>{@code
 * when
 *     $e : Evaluation()
 *     Parameters($limit : amount("subsidyMax"))
 *     Financing($subsidy : subsidy != null, subsidy > $limit)
 * then
 *     $e.report(drools, "subsidy", $subsidy, "limit", $limit);
 * }</pre>
 */
public final class Evaluation {
    private static final Comparator<Finding> ORDER = Comparator.comparing(Finding::severity).thenComparing(Finding::rule);

    private final RulePack pack;
    private final List<Finding> findings = new ArrayList<>();
    private FinancingPlan plan;

    /**
     * Made by the engine, one per evaluation; rules only {@link #report} and {@link #plan}.
     *
     * @param pack the pack being evaluated, whose rules' metadata the findings take
     */
    public Evaluation(RulePack pack) {
        this.pack = pack;
    }

    /**
     * Reports a finding of the rule that fires, with the id, severity, messages and source of its metadata.
     *
     * @param drools    the consequence's {@code drools}: typed Object because the executable model passes its own
     *                  Drools type, whose implementation is also a RuleContext
     * @param keyValues names and values, alternating: the values that decided, shown in the finding's values and
     *                  filled into the message's {@code {name}} placeholders (a null value shows as "?"); an amount
     *                  is shown exact without trailing zeros
     * @throws IllegalArgumentException when the names and values do not pair up
     */
    public void report(Object drools, Object... keyValues) {
        report(pack.ruleNamed(((RuleContext) drools).getRule().getName()), values(keyValues));
    }

    /**
     * Sets the financing plan the rules allow, from a rule marked {@code @plan}; a later call replaces it. Amounts
     * are euro, kept exact (trailing zeros dropped).
     *
     * @param maxSubsidy the highest subsidy the proposal can ask, or null when unknown
     * @param amif       the most the AMIF contribution can be, or null
     * @param vvsg       the most the VVSG cofinancing can be, or null for a call without VVSG
     * @param ownMin     the least own financing, or null
     */
    public void plan(BigDecimal maxSubsidy, BigDecimal amif, BigDecimal vvsg, BigDecimal ownMin) {
        plan = new FinancingPlan(Money.shown(maxSubsidy), Money.shown(amif), Money.shown(vvsg), Money.shown(ownMin));
    }

    void report(RuleInfo rule, Map<String, Object> values) {
        findings.add(new Finding(rule.id(), rule.severity(),
                new Finding.Messages(fill(rule.nl(), values), fill(rule.en(), values)),
                rule.source(), rule.assumption(), values));
    }

    /** A MISSING finding for a rule whose needed facts the proposal leaves out. */
    private static Finding missing(RuleInfo rule, List<String> fields) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("missing", fields);
        String list = String.join(", ", fields);
        return new Finding(rule.id(), Severity.MISSING,
                // The title is English: the Dutch message names the rule by its id instead.
                new Finding.Messages("Ontbrekend gegeven voor regel " + rule.id() + ": " + list + ".",
                        "Missing fact for '" + rule.title() + "': " + list + "."),
                rule.source(), rule.assumption(), values);
    }

    /**
     * The verdict, once the rules have run: findings of rules with missing facts are replaced by the MISSING finding,
     * findings in a stable order (severity, rule id, then as reported), and every other rule id listed as passed.
     * Called by the engine, not by rules.
     *
     * @param decisionId    the id the verdict carries
     * @param missingByRule per rule id, the proposal's fields it needs that are absent (JSON paths)
     * @return the verdict
     */
    public Verdict verdict(String decisionId, Map<String, List<String>> missingByRule) {
        List<Finding> out = new ArrayList<>(findings.size() + missingByRule.size());
        for (Finding f : findings) {
            if (!missingByRule.containsKey(f.rule()) || f.severity() == Severity.MISSING) out.add(f);
        }
        for (Map.Entry<String, List<String>> e : missingByRule.entrySet()) out.add(missing(pack.rule(e.getKey()), e.getValue()));
        out.sort(ORDER);
        Set<String> found = new HashSet<>();
        Outcome outcome = Outcome.ELIGIBLE;
        for (Finding f : out) {
            found.add(f.rule());
            if (f.severity() == Severity.BLOCKING) outcome = Outcome.INELIGIBLE;
            else if (f.severity() == Severity.MISSING && outcome == Outcome.ELIGIBLE) outcome = Outcome.INCOMPLETE;
        }
        List<String> passed = new ArrayList<>(pack.ruleIds().size());
        for (String id : pack.ruleIds()) if (!found.contains(id)) passed.add(id);
        return new Verdict(decisionId, pack.call(), pack.version(), pack.digest(), outcome, Collections.unmodifiableList(out),
                Collections.unmodifiableList(passed), plan);
    }

    private static Map<String, Object> values(Object[] keyValues) {
        if (keyValues.length % 2 != 0) throw new IllegalArgumentException("report takes name, value pairs");
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            Object v = keyValues[i + 1];
            values.put(String.valueOf(keyValues[i]), v instanceof BigDecimal b ? Money.shown(b) : v);
        }
        return values;
    }

    /**
     * The template with each {@code {name}} replaced by its value ("?" for a value reported as null); a placeholder
     * without a value stays as written. A plain scan rather than a regex: it runs for every finding.
     */
    static String fill(String template, Map<String, Object> values) {
        int open = template.indexOf('{');
        if (open < 0) return template;
        StringBuilder sb = new StringBuilder(template.length() + 32);
        int from = 0;
        while (open >= 0) {
            int end = open + 1;
            while (end < template.length() && isNameChar(template.charAt(end))) end++;
            if (end == open + 1 || end == template.length() || template.charAt(end) != '}') {
                open = template.indexOf('{', open + 1);
                continue;
            }
            String name = template.substring(open + 1, end);
            Object v = values.get(name);
            sb.append(template, from, open);
            if (v != null) sb.append(v);
            else if (values.containsKey(name)) sb.append('?');
            else sb.append(template, open, end + 1);
            from = end + 1;
            open = template.indexOf('{', from);
        }
        return sb.append(template, from, template.length()).toString();
    }

    private static boolean isNameChar(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_';
    }
}
