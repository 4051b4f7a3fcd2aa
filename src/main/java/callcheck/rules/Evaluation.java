package callcheck.rules;

import callcheck.engine.FinancingPlan;
import callcheck.engine.Finding;
import callcheck.engine.Outcome;
import callcheck.engine.Verdict;

import callcheck.pack.RuleInfo;
import callcheck.pack.RulePack;
import callcheck.engine.Severity;
import callcheck.language.Language;
import callcheck.language.Wording;
import org.kie.api.runtime.rule.RuleContext;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
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
     *                  filled into the message's {@code {name}} placeholders as {@link Wording} writes them (an
     *                  amount kept exact without trailing zeros, {@code index} from 0, {@code missing} as paths)
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
        Map<String, Object> shown = values.isEmpty() ? pack.parameterValues() : new Overlay(values, pack.parameterValues());
        Wording w = pack.wording();
        findings.add(new Finding(rule.id(), rule.severity(),
                new Finding.Messages(w.fill(rule.nl(), shown, Language.NL), w.fill(rule.en(), shown, Language.EN)),
                findingSource(rule), rule.assumption(), values));
    }

    /**
     * The MISSING finding the engine makes for a rule whose needed facts the proposal leaves out: the facts by their
     * labels and the rule by its title; {@code values.missing} keeps their paths, for software.
     */
    private Finding missing(RuleInfo rule, List<String> fields) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(Wording.MISSING, fields);
        Wording w = pack.wording();
        return new Finding(rule.id(), Severity.MISSING,
                new Finding.Messages("Ontbrekend gegeven: " + w.value(Wording.MISSING, fields, Language.NL) + ". Nodig voor de toets: "
                        + rule.title(Language.NL) + ".",
                        "Missing fact: " + w.value(Wording.MISSING, fields, Language.EN) + ". Needed for the check: " + rule.title(Language.EN) + "."),
                findingSource(rule), rule.assumption(), values);
    }

    /**
     * A finding cites the document and the section only: a rule's Dutch section ({@code @sectionNl}) is in the rule
     * list, so that writing one does not change the findings of a verdict recorded before, replayed.
     */
    private static callcheck.engine.Source findingSource(RuleInfo rule) {
        callcheck.engine.Source s = rule.source();
        return s.sectionNl() == null ? s : new callcheck.engine.Source(s.document(), s.section());
    }

    /**
     * The verdict, once the rules have run: findings of rules with missing facts are replaced by the MISSING finding
     * (one per rule, naming each missing fact once), a finding the same rule made twice with the same words kept once,
     * findings in a stable order (severity, rule id, then as reported), and every other rule id listed as passed.
     * Called by the engine, not by rules.
     *
     * @param decisionId    the id the verdict carries
     * @param missingByRule per rule id, the proposal's fields it needs that are absent (JSON paths)
     * @return the verdict
     */
    public Verdict verdict(String decisionId, Map<String, List<String>> missingByRule) {
        List<Finding> out = new ArrayList<>(findings.size() + missingByRule.size());
        Set<String> said = new HashSet<>(); // rule and message: a rule that matches a fact twice says so once
        Map<String, Set<Object>> missingSaid = new HashMap<>();
        for (Finding f : findings) {
            if (missingByRule.containsKey(f.rule()) && f.severity() != Severity.MISSING) continue;
            if (!said.add(f.rule() + '\n' + f.message().en())) continue;
            out.add(f);
            if (f.severity() == Severity.MISSING && f.values().get(Wording.MISSING) != null) {
                missingSaid.computeIfAbsent(f.rule(), k -> new HashSet<>()).add(f.values().get(Wording.MISSING));
            }
        }
        for (Map.Entry<String, List<String>> e : missingByRule.entrySet()) {
            // One MISSING finding per fact and rule: not again for a fact the rule's own MISSING finding names.
            Set<Object> already = missingSaid.getOrDefault(e.getKey(), Set.of());
            List<String> fields = e.getValue().stream().filter(p -> !already.contains(p)).toList();
            if (!fields.isEmpty()) out.add(missing(pack.rule(e.getKey()), fields));
        }
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

    /**
     * The values a rule reports over the pack's parameters, without copying the parameters for each finding (a copy
     * per finding cost more than the rest of the finding).
     */
    private static final class Overlay extends java.util.AbstractMap<String, Object> {
        private final Map<String, Object> top;
        private final Map<String, Object> under;

        Overlay(Map<String, Object> top, Map<String, Object> under) {
            this.top = top;
            this.under = under;
        }

        @Override
        public boolean containsKey(Object key) {
            return top.containsKey(key) || under.containsKey(key);
        }

        @Override
        public Object get(Object key) {
            return top.containsKey(key) ? top.get(key) : under.get(key);
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            Map<String, Object> all = new HashMap<>(under);
            all.putAll(top);
            return all.entrySet();
        }
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
}
