package callcheck.evaluation;

import callcheck.engine.UnknownCallException;

import callcheck.pack.RulePack;
import callcheck.reference.ReferenceData;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable snapshot of the loaded packs: per call, its versions in order of their first submission date.
 * The engine swaps a whole snapshot at once, so an evaluation sees one consistent set.
 */
public final class PackSet {
    private final Map<String, List<RulePack>> byCall;
    private final ReferenceData reference;

    public PackSet(List<RulePack> packs, ReferenceData reference) {
        Map<String, List<RulePack>> m = new TreeMap<>();
        for (RulePack p : packs) m.computeIfAbsent(p.call(), k -> new ArrayList<>()).add(p);
        m.replaceAll((k, v) -> v.stream().sorted(Comparator.comparing((RulePack p) -> p.manifest().submissions().from())
                .thenComparing(RulePack::version)).toList());
        this.byCall = java.util.Collections.unmodifiableMap(m);
        this.reference = reference;
    }

    public ReferenceData reference() {
        return reference;
    }

    /** The call ids, sorted. */
    public List<String> calls() {
        return List.copyOf(byCall.keySet());
    }

    /** The versions of a call, oldest first. */
    public List<RulePack> versions(String call) {
        List<RulePack> v = byCall.get(call);
        if (v == null) throw new UnknownCallException("unknown_call", "no rules are loaded for call '" + call + "'; loaded calls: " + calls());
        return v;
    }

    /** Every pack of every call. */
    public List<RulePack> all() {
        return byCall.values().stream().flatMap(List::stream).toList();
    }

    /**
     * The pack that decides: the named version, or else the version whose submission dates contain the date.
     * When two versions contain it, the one that starts latest governs (a later version supersedes).
     */
    public RulePack select(String call, String version, LocalDate submittedOn) {
        List<RulePack> versions = versions(call);
        if (version != null) {
            for (RulePack p : versions) if (p.version().equals(version)) return p;
            throw new UnknownCallException("unknown_version", "call " + call + " has no version '" + version + "'; versions: "
                    + versions.stream().map(RulePack::version).toList());
        }
        RulePack chosen = null;
        for (RulePack p : versions) if (p.manifest().submissions().contains(submittedOn)) chosen = p;
        if (chosen == null) {
            throw new UnknownCallException("no_version_for_date", "no version of call " + call + " governs submissions on " + submittedOn
                    + "; versions: " + versions.stream().map(p -> p.version() + " (" + p.manifest().submissions().from() + " to "
                    + (p.manifest().submissions().until() == null ? "open" : p.manifest().submissions().until()) + ")").toList());
        }
        return chosen;
    }
}
