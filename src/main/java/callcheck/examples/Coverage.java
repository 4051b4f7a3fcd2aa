package callcheck.examples;

import callcheck.engine.Finding;
import callcheck.engine.RuleCoverage;
import callcheck.evaluation.PackSet;
import callcheck.engine.Verdict;
import callcheck.pack.RulePack;
import callcheck.engine.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which rules the examples exercise. Per call and rule id, over the call's versions: in how many examples the rule
 * found something, and in how many it passed (found nothing). A rule is covered when some example makes it find
 * something and some example gets past it, that is, gets no BLOCKING or MISSING finding from it: a rule that
 * refuses every example may well refuse everything. A rule that only adds a note to every proposal (an INFO such
 * as "a jury decides this" or "the cap is not known yet") is thus covered without ever passing. A rule id counts
 * over the versions of its call, since a version repeats the rules that did not change, except from a version on
 * that changes the rule's text or conditions or a parameter it {@code @uses}: from there it is a rule of its own, with
 * a row of its own, covered only by examples those versions decide (a changed limit needs its own boundary
 * examples). Every version must be reached by an example.
 *
 * @param rules     per call and rule id, sorted
 * @param unreached the pack versions ({@code call/version}) no example is decided by
 */
public record Coverage(List<RuleCoverage> rules, List<String> unreached) {

    public Coverage {
        rules = List.copyOf(rules);
        unreached = List.copyOf(unreached);
    }

    /**
     * Counts the examples and the round examples against every rule of the packs, the call-level rules included: a
     * call-level rule is covered by rounds as a proposal rule is by proposals. Results without a verdict (errors)
     * count for none.
     */
    public static Coverage of(PackSet packs, List<ExampleResult> results, List<RoundExampleResult> rounds) {
        Map<String, Tally> tallies = new TreeMap<>();
        Set<String> reached = new TreeSet<>();
        // Per call, version and rule id: the version from which the rule is as in that version.
        Map<String, String> since = new java.util.HashMap<>();
        for (String call : packs.calls()) {
            RulePack previous = null;
            Map<String, String> form = new java.util.HashMap<>();
            for (RulePack pack : packs.versions(call)) {
                Set<String> changed = previous == null ? Set.of() : changed(previous, pack);
                List<String> ids = new ArrayList<>(pack.ruleIds());
                if (pack.round() != null) ids.addAll(pack.round().ruleIds());
                for (String id : ids) {
                    String from = changed.contains(id) || !form.containsKey(id) ? pack.version() : form.get(id);
                    form.put(id, from);
                    since.put(call + "\n" + pack.version() + "\n" + id, from);
                    tallies.computeIfAbsent(key(call, id, from), k -> new Tally()).versions.add(pack.version());
                }
                previous = pack;
            }
        }
        List<Verdict> verdicts = new ArrayList<>();
        for (ExampleResult r : results) verdicts.add(r.verdict());
        for (RoundExampleResult r : rounds) verdicts.add(r.verdict());
        for (Verdict v : verdicts) {
            if (v == null) continue;
            reached.add(v.call() + "/" + v.version());
            Set<String> refusedBy = new TreeSet<>();
            for (Finding f : v.findings()) if (f.severity() == Severity.BLOCKING || f.severity() == Severity.MISSING) refusedBy.add(f.rule());
            java.util.function.Function<String, String> keyOf = id -> {
                String from = since.get(v.call() + "\n" + v.version() + "\n" + id);
                return from == null ? null : key(v.call(), id, from);
            };
            for (String id : refusedBy) {
                String k = keyOf.apply(id);
                Tally t = k == null ? null : tallies.get(k);
                if (t != null) t.refused++;
            }
            for (String id : new TreeSet<>(v.findings().stream().map(Finding::rule).toList())) count(tallies, keyOf.apply(id), true);
            for (String id : v.passed()) count(tallies, keyOf.apply(id), false);
        }
        List<RuleCoverage> out = new ArrayList<>();
        tallies.forEach((key, t) -> {
            String[] callAndId = key.split("\n");
            out.add(new RuleCoverage(callAndId[0], callAndId[1], List.copyOf(t.versions), t.found, t.passed, t.refused));
        });
        List<String> unreached = packs.all().stream().map(p -> p.call() + "/" + p.version()).filter(p -> !reached.contains(p)).sorted().toList();
        return new Coverage(out, unreached);
    }

    /** The rules that no example makes find something, or that no example gets past. */
    public List<RuleCoverage> uncovered() {
        return rules.stream().filter(r -> !r.covered()).toList();
    }

    /** True when every rule is covered and every version reached. */
    public boolean complete() {
        return uncovered().isEmpty() && unreached.isEmpty();
    }

    /** The rules of one call. */
    public List<RuleCoverage> of(String call) {
        return rules.stream().filter(r -> r.call().equals(call)).toList();
    }

    private static final class Tally {
        final Set<String> versions = new TreeSet<>();
        int found;
        int passed;
        int refused;
    }

    private static String key(String call, String id, String since) {
        return call + "\n" + id + "\n" + since;
    }

    /**
     * The ids of the rules of {@code to} that differ from {@code from}: in a title, message, source, needs, uses or
     * condition of one of its variants, or in the value of a parameter it uses.
     */
    static Set<String> changed(RulePack from, RulePack to) {
        PackDiff diff = PackDiff.of(from, to);
        Set<String> out = new TreeSet<>();
        for (PackDiff.RuleChange c : diff.rules()) if (c.before() != null && c.after() != null) out.add(c.after().id());
        Set<String> values = new TreeSet<>();
        for (PackDiff.ParameterChange c : diff.parameters()) {
            if (c.before() == null || c.after() == null || !java.util.Objects.equals(c.before().value(), c.after().value())) values.add(c.name());
        }
        List<callcheck.pack.RuleInfo> rules = new ArrayList<>(to.rules());
        if (to.round() != null) rules.addAll(to.round().rules());
        for (callcheck.pack.RuleInfo r : rules) if (r.uses().stream().anyMatch(values::contains)) out.add(r.id());
        return out;
    }

    private static void count(Map<String, Tally> tallies, String key, boolean found) {
        if (key == null) return;
        Tally t = tallies.get(key);
        if (t == null) return;
        if (found) t.found++;
        else t.passed++;
    }
}
