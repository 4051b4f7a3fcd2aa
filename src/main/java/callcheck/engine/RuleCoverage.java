package callcheck.engine;

import java.util.List;

/**
 * How the examples exercise one rule id of a call, over the call's versions ({@link Examples}). A rule is covered
 * when some example makes it find something and some example gets past it (no BLOCKING or MISSING finding from it):
 * a rule that refuses every example may well refuse everything. A rule that only adds a note to every proposal is
 * covered without ever passing.
 *
 * @param call     the call id
 * @param rule     the rule id
 * @param versions the versions of the call that have the rule
 * @param found    examples in which it found something
 * @param passed   examples (decided by a version that has the rule) in which it found nothing
 * @param refused  examples in which it gave a BLOCKING or MISSING finding
 */
public record RuleCoverage(String call, String rule, List<String> versions, int found, int passed, int refused) {
    /**
     * Copies the versions.
     *
     * @param call     the call id
     * @param rule     the rule id
     * @param versions the versions of the call that have the rule
     * @param found    examples in which it found something
     * @param passed   examples in which it found nothing
     * @param refused  examples in which it gave a BLOCKING or MISSING finding
     */
    public RuleCoverage {
        versions = List.copyOf(versions);
    }

    /**
     * Whether the examples cover the rule.
     *
     * @return true when {@link #gap()} is null
     */
    public boolean covered() {
        return gap() == null;
    }

    /**
     * What the examples miss.
     *
     * @return "no example makes it find anything", "no example gets past it", or null when covered
     */
    public String gap() {
        if (found == 0) return "no example makes it find anything";
        if (refused == found + passed) return "no example gets past it";
        return null;
    }
}
