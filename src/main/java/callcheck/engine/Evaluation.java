package callcheck.engine;

import callcheck.pack.RuleInfo;
import callcheck.pack.RulePack;
import callcheck.pack.Severity;
import org.kie.api.runtime.rule.RuleContext;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The result fact of one evaluation: made fresh for each proposal and inserted beside it, so that nothing is
 * shared between threads. Rules call {@link #report} from their consequence; the rule's metadata supplies the
 * id, severity, messages and source.
 */
public final class Evaluation {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_]+)}");

    private final RulePack pack;
    private final List<Finding> findings = new ArrayList<>();
    private FinancingPlan plan;

    Evaluation(RulePack pack) {
        this.pack = pack;
    }

    /**
     * Reports a finding of the rule that fires. {@code keyValues} alternate name and value: the values that
     * decided, shown in the finding and filled into the message's {placeholders}. {@code drools} is the
     * consequence's {@code drools}: typed Object because the executable model passes its own Drools type, whose
     * implementation is also a RuleContext.
     */
    public void report(Object drools, Object... keyValues) {
        report(pack.ruleNamed(((RuleContext) drools).getRule().getName()), values(keyValues));
    }

    /** Sets the financing plan the rules allow. */
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
                new Finding.Messages("Ontbrekend gegeven voor '" + rule.title() + "': " + list + ".",
                        "Missing fact for '" + rule.title() + "': " + list + "."),
                rule.source(), rule.assumption(), values);
    }

    /**
     * The verdict: findings of rules with missing facts are replaced by the MISSING finding, findings in a stable
     * order (severity, rule id, then as reported), and every other rule id listed as passed.
     */
    Verdict verdict(String decisionId, Map<String, List<String>> missingByRule) {
        List<Finding> out = new ArrayList<>(findings.size() + missingByRule.size());
        for (Finding f : findings) {
            if (!missingByRule.containsKey(f.rule()) || f.severity() == Severity.MISSING) out.add(f);
        }
        for (Map.Entry<String, List<String>> e : missingByRule.entrySet()) out.add(missing(pack.rule(e.getKey()), e.getValue()));
        out.sort(Comparator.comparing(Finding::severity).thenComparing(Finding::rule));
        Set<String> found = new HashSet<>();
        Outcome outcome = Outcome.ELIGIBLE;
        for (Finding f : out) {
            found.add(f.rule());
            if (f.severity() == Severity.BLOCKING) outcome = Outcome.INELIGIBLE;
            else if (f.severity() == Severity.MISSING && outcome == Outcome.ELIGIBLE) outcome = Outcome.INCOMPLETE;
        }
        List<String> passed = pack.ruleIds().stream().filter(id -> !found.contains(id)).toList();
        return new Verdict(decisionId, pack.call(), pack.version(), pack.digest(), outcome, List.copyOf(out), passed, plan);
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

    private static String fill(String template, Map<String, Object> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            Object v = values.get(m.group(1));
            String shown = v == null ? (values.containsKey(m.group(1)) ? "?" : m.group()) : v.toString();
            m.appendReplacement(sb, Matcher.quoteReplacement(shown));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
