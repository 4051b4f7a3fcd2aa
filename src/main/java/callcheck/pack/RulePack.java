package callcheck.pack;

import callcheck.language.Labels;
import callcheck.language.Wording;
import callcheck.rules.Parameters;

import callcheck.json.FieldPath;
import org.kie.api.KieBase;
import org.kie.api.runtime.StatelessKieSession;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One compiled, immutable version of a call's rules: its manifest, KieBase, rule metadata and digest. Shared by
 * every evaluation of that version.
 */
public final class RulePack {
    private final Path folder;
    private final Manifest manifest;
    private final CompiledRules compiled;
    private final List<RuleInfo> rules;
    private final Map<String, RuleInfo> byName;
    private final Map<String, RuleInfo> primary;
    private final List<String> ruleIds;
    private final List<Needs> needs;
    private final Parameters parameters;
    private final Wording wording;
    private final Map<String, Object> parameterValues;
    private final String digest;
    private volatile boolean warm;
    private final Map<String, byte[]> files;
    private final RulePack round;
    private final Lineage lineage;
    private final String unstoppable;

    RulePack(Path folder, Manifest manifest, CompiledRules compiled, List<RuleInfo> rules,
             Map<String, List<FieldPath>> needs, Parameters parameters, Labels labels, String digest, Map<String, byte[]> files, RulePack round) {
        this.folder = folder;
        this.manifest = manifest;
        this.compiled = compiled;
        this.rules = List.copyOf(rules);
        // A list, in id order, of the ids that need something: every evaluation walks it.
        this.needs = new TreeMap<>(needs).entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .map(e -> new Needs(e.getKey(), List.copyOf(e.getValue()))).toList();
        this.parameters = parameters;
        this.wording = new Wording(labels);
        this.parameterValues = java.util.Collections.unmodifiableMap(ParameterText.values(parameters));
        this.digest = digest;
        this.files = java.util.Collections.unmodifiableMap(files);
        this.round = round;
        this.lineage = null;
        // The call-level rules' pack has the same files (its digest says so): read them once.
        this.unstoppable = round != null && round.digest.equals(digest) ? round.unstoppable : HaltCheck.firstUnstoppable(files);
        Map<String, RuleInfo> names = new LinkedHashMap<>();
        Map<String, RuleInfo> prim = new LinkedHashMap<>();
        TreeSet<String> ids = new TreeSet<>();
        for (RuleInfo r : rules) {
            names.put(r.name(), r);
            if (r.isPrimary()) prim.put(r.id(), r);
            ids.add(r.id());
        }
        this.byName = Map.copyOf(names);
        this.primary = prim;
        this.ruleIds = List.copyOf(ids);
    }

    /** The same pack, compiled from a delta's resolved files, as its own folder serves it (see {@link Extension}). */
    private RulePack(RulePack resolved, Path folder, Lineage lineage, Map<String, String> origins) {
        this.folder = folder;
        this.manifest = resolved.manifest;
        this.compiled = resolved.compiled;
        // A rule names the file it was written in, as for a full version: the base's for a rule it inherits.
        this.rules = resolved.rules.stream().map(r -> origins.containsKey(r.file()) ? new RuleInfo(r.id(), r.name(), r.severity(), r.title(), r.titleNl(),
                r.nl(), r.en(), r.source(), r.assumption(), r.assumptionNl(), r.needs(), r.uses(), r.limit(), origins.get(r.file())) : r).toList();
        this.needs = resolved.needs;
        this.parameters = resolved.parameters;
        this.digest = resolved.digest;
        this.files = resolved.files;
        this.wording = resolved.wording;
        this.parameterValues = resolved.parameterValues;
        this.round = resolved.round == null ? null : new RulePack(resolved.round, folder, lineage, origins);
        this.lineage = lineage;
        this.unstoppable = resolved.unstoppable;
        Map<String, RuleInfo> names = new LinkedHashMap<>();
        Map<String, RuleInfo> prim = new LinkedHashMap<>();
        for (RuleInfo r : rules) {
            names.put(r.name(), r);
            if (r.isPrimary()) prim.put(r.id(), r);
        }
        this.byName = Map.copyOf(names);
        this.primary = prim;
        this.ruleIds = resolved.ruleIds;
    }

    RulePack at(Path folder, Lineage lineage, Map<String, String> origins) {
        return new RulePack(this, folder, lineage, origins);
    }

    /** What the version states itself when it extends another, or null for a full version (an archived pack is one). */
    public Lineage lineage() { return lineage; }

    /** Whether the version states the rule itself: always for a full version; for a delta, a rule of its own files. */
    public boolean states(RuleInfo rule) {
        return lineage == null || rule.file().startsWith(call() + "/" + folder.getFileName() + "/");
    }

    public String call() { return manifest.call(); }
    public String version() { return manifest.version(); }
    public Path folder() { return folder; }
    public Manifest manifest() { return manifest; }
    /** The compiled rules: shared with every pack compiled from the same rule files (PackLoader). */
    public KieBase kieBase() { return compiled.kieBase(); }
    /** A stateless session for one evaluation (pooled unless {@link PackOptions#sessionPool} is off). */
    public StatelessKieSession session() { return compiled.session(); }

    /** Whether the rules serving now are Drools' executable model: compiled so, read from the cache, or upgraded once hot. */
    public boolean executableModel() { return compiled.executable(); }

    /**
     * Makes the pack's KieBase (and its call-level rules') now if it is not yet: rules read from the compiled-pack
     * cache define their classes on first use ({@link CompiledRules}). A service calls it in the background once
     * ready, and before an evaluation's time budget starts, so that no evaluation waits for it within its budget.
     */
    public void prepare() {
        compiled.prepare();
        if (round != null) round.prepare();
    }

    /** Whether the KieBase (and the call-level rules', if any) is made. */
    public boolean prepared() {
        return compiled.prepared() && (round == null || round.prepared());
    }

    /** Ends the pooled sessions, which every pack of the same rules shares: for an engine that stops, not a reload. */
    public void close() { compiled.close(); }

    /** Every DRL rule's metadata, in id order. */
    public List<RuleInfo> rules() { return rules; }
    /** The distinct rule ids, sorted: what "passed" is listed from. */
    public List<String> ruleIds() { return ruleIds; }
    /** The proposal facts a rule id needs ({@code @needs}). */
    public record Needs(String rule, List<FieldPath> paths) {
    }

    /** Per rule id that needs any, in id order, the proposal facts it needs. */
    public List<Needs> needs() { return needs; }
    public Parameters parameters() { return parameters; }
    /** How the findings' messages are written, with the labels of the rules folder this pack was compiled from. */
    public Wording wording() { return wording; }
    /** The parameters as values a message can show ({@link ParameterText#values}). */
    public Map<String, Object> parameterValues() { return parameterValues; }
    /** sha256 over the pack's files, those of the modules it includes, and the reference data, as "sha256:hex". */
    public String digest() { return digest; }

    /** Whether an evaluation with this pack has succeeded: Drools has compiled the constraints it met. */
    public boolean warm() { return warm; }

    public void warmed() { if (!warm) warm = true; }
    /**
     * The files the digest covers, as they were read when the pack compiled, by path relative to the rules folder
     * (the pack's, its modules', the reference data): what is archived so that a decision can be replayed on exactly
     * this pack after the files change. Do not change the arrays.
     */
    public Map<String, byte[]> files() { return files; }
    /**
     * What in the rules a halt might not stop (a loop, a function, a regular expression, a class outside the model;
     * see {@link HaltCheck}), as "file:line: what", or null when a halt stops every rule: then an evaluation with a
     * time budget may run on its caller's thread.
     */
    public String unstoppable() { return unstoppable; }
    /**
     * The call-level rules ({@code round*.drl}) as a pack of their own, over the same manifest, parameters and
     * digest; they judge a set of proposals (a {@link callcheck.rules.Round}). Null when the pack has none.
     */
    public RulePack round() { return round; }

    /** The primary rule of an id (the one named like it), in the order of the ids. */
    public List<RuleInfo> primaryRules() { return List.copyOf(primary.values()); }

    public RuleInfo rule(String id) {
        RuleInfo r = primary.get(id);
        if (r == null) throw new IllegalArgumentException("no rule " + id + " in " + call() + "/" + version());
        return r;
    }

    /** The metadata of a DRL rule by its name. */
    public RuleInfo ruleNamed(String name) {
        RuleInfo r = byName.get(name);
        if (r == null) throw new IllegalArgumentException("no rule named " + name + " in " + call() + "/" + version());
        return r;
    }
}
