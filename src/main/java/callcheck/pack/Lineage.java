package callcheck.pack;

import java.util.Set;

/**
 * What a version that extends another states itself; everything else it inherits. Shown by diff, rules and
 * {@code /calls/{call}}; the pack it resolves to is a full copy whatever its lineage.
 *
 * @param extendsVersion the version it extends
 * @param parameters     the parameters it states (changed or added)
 * @param documents      the documents it states (changed or added)
 * @param files          its own DRL files, relative to its folder: their rules are stated, and replace the base's of the same ids
 * @param removed        the rule ids it removes from what it inherits
 */
public record Lineage(String extendsVersion, Set<String> parameters, Set<String> documents, Set<String> files, Set<String> removed) {
    public Lineage {
        parameters = java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(parameters));
        documents = java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(documents));
        files = java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(files));
        removed = java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(removed));
    }

    /** Whether the version states the parameter itself rather than inheriting it. */
    public boolean states(String parameter) {
        return parameters.contains(parameter);
    }
}
