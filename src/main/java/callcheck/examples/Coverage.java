package callcheck.examples;

import callcheck.engine.PackSet;
import callcheck.engine.Verdict;
import callcheck.pack.RulePack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which rules the examples exercise. For every rule id of every loaded pack version: in how many examples it found
 * something, and in how many it passed. A rule is covered when both happen at least once: an example shows it
 * refusing, another shows it letting a proposal through. Examples count for the version that decided them.
 */
public record Coverage(List<RuleCoverage> rules) {

    /** One rule id of one pack version. */
    public record RuleCoverage(String call, String version, String rule, int found, int passed) {
        public boolean covered() {
            return found > 0 && passed > 0;
        }

        /** What is missing: "no example makes it find anything", "no example passes it", or null when covered. */
        public String gap() {
            if (found == 0 && passed == 0) return "no example reaches this pack version";
            if (found == 0) return "no example makes it find anything";
            if (passed == 0) return "no example passes it";
            return null;
        }
    }

    public Coverage {
        rules = List.copyOf(rules);
    }

    /** Counts the results against every rule of the packs; results without a verdict (errors) count for none. */
    public static Coverage of(PackSet packs, List<ExampleResult> results) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (RulePack pack : packs.all()) {
            for (String id : pack.ruleIds()) counts.put(key(pack.call(), pack.version(), id), new int[2]);
        }
        for (ExampleResult r : results) {
            Verdict v = r.verdict();
            if (v == null) continue;
            for (String id : r.foundIds()) count(counts, key(v.call(), v.version(), id), 0);
            for (String id : v.passed()) count(counts, key(v.call(), v.version(), id), 1);
        }
        List<RuleCoverage> out = new ArrayList<>();
        for (RulePack pack : packs.all()) {
            for (String id : pack.ruleIds()) {
                int[] c = counts.get(key(pack.call(), pack.version(), id));
                out.add(new RuleCoverage(pack.call(), pack.version(), id, c[0], c[1]));
            }
        }
        return new Coverage(out);
    }

    /** The rules some example never makes find something or never passes. */
    public List<RuleCoverage> uncovered() {
        return rules.stream().filter(r -> !r.covered()).toList();
    }

    /** The rules of one pack version. */
    public List<RuleCoverage> of(String call, String version) {
        return rules.stream().filter(r -> r.call().equals(call) && r.version().equals(version)).toList();
    }

    private static String key(String call, String version, String id) {
        return call + "\n" + version + "\n" + id;
    }

    private static void count(Map<String, int[]> counts, String key, int which) {
        int[] c = counts.get(key);
        if (c != null) c[which]++;
    }
}
