package callcheck.store;

import callcheck.engine.Verdict;
import callcheck.evaluation.PackEngine;
import callcheck.evaluation.PackSet;
import callcheck.examples.VerdictChange;
import callcheck.json.Json;
import callcheck.pack.ArchivedPack;
import callcheck.pack.RulePack;
import callcheck.model.ProposalReader;
import callcheck.reference.ReferenceData;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Replays a stored decision: its stored proposal evaluated again on the pack of its digest (the one serving, or the
 * one archived when the files have changed since), or on another version or digest, compared with the verdict that
 * was answered, within the engine's evaluation limits. The differences are those {@code callcheck diff} shows ({@link VerdictChange}).
 */
public final class Replays {
    private static final ObjectReader VERDICT = Json.output().readerFor(Verdict.class).with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final ObjectReader TREE = Json.output().reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final int COMPILED_KEPT = 8;

    private final DecisionStore store;
    private final PackEngine engine;
    /** Archived packs compiled, the most recently used last: compiling one takes about a second. */
    private final Map<String, ArchivedPack> compiled = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ArchivedPack> eldest) {
            return size() > COMPILED_KEPT;
        }
    };

    public Replays(DecisionStore store, PackEngine engine) {
        this.store = store;
        this.engine = engine;
    }

    /** What a replay gave: the pack it ran on, whether the verdict is identical, and what differs. */
    public record Replay(String decisionId, String call, String version, String digest, boolean identical,
                         List<Difference> differences, Verdict verdict) {
    }

    /** One difference: kind {@code verdict}, {@code findings} (of one rule) or {@code financing}, before and after. */
    public record Difference(String kind, String rule, Object before, Object after) {
    }

    /** A replay refused: the decision's proposal was erased, or the version or digest asked for does not exist. */
    public static final class NotReplayable extends RuntimeException {
        private final String code;
        private final String field;

        NotReplayable(String code, String field, String message) {
            super(message);
            this.code = code;
            this.field = field;
        }

        public String code() { return code; }

        public String field() { return field; }
    }

    /**
     * Replays the decision on the pack of its digest, or on the serving pack of {@code version}, or on the pack of
     * {@code digest} (serving or archived); at most one of the two.
     */
    public Replay replay(Decision d, String version, String digest) {
        if (d.proposalJson() == null) {
            throw new NotReplayable("proposal_erased", null, "the proposal of decision " + d.id() + " was erased by the retention; its verdict is kept");
        }
        Target target = target(d.call(), version, digest == null && version == null ? d.digest() : digest);
        // Within the engine's time budget and slots, as an evaluation: a rule that hangs is a 503, not a held thread.
        Verdict replayed = engine.evaluateWithin(target.pack(), target.reference(), ProposalReader.read(d.proposalJson()));
        return compare(d, target.pack(), replayed);
    }

    /** A pack to replay on, with the reference data it decides with. */
    public record Target(RulePack pack, ReferenceData reference) {
    }

    /**
     * The serving pack of the call's {@code version}, or else the pack of {@code digest} (serving or archived); one of
     * the two is given.
     */
    public Target target(String call, String version, String digest) {
        PackSet packs = engine.packs();
        RulePack pack;
        ReferenceData reference;
        if (version != null) {
            pack = packs.select(call, version, null);
            reference = packs.reference();
        } else {
            String wanted = digest;
            Optional<RulePack> serving = packs.all().stream().filter(p -> p.digest().equals(wanted)).findFirst();
            if (serving.isPresent()) {
                pack = serving.get();
                reference = packs.reference();
            } else {
                ArchivedPack archived = archived(wanted);
                pack = archived.pack();
                reference = archived.reference();
            }
            if (!pack.call().equals(call)) {
                throw new NotReplayable("invalid_parameter", "digest", "the pack " + wanted + " is of call " + pack.call() + ", not of call " + call);
            }
        }
        return new Target(pack, reference);
    }

    private synchronized ArchivedPack archived(String digest) {
        ArchivedPack p = compiled.get(digest);
        if (p != null) return p;
        Pack files = store.pack(digest).orElseThrow(() -> new NotReplayable("unknown_digest", "digest", "no pack with digest " + digest + " is archived"));
        p = ArchivedPack.compile(files.files(), digest);
        compiled.put(digest, p);
        return p;
    }

    private static Replay compare(Decision d, RulePack pack, Verdict replayed) {
        try {
            String replayedJson = Json.output().writeValueAsString(replayed);
            ObjectNode was = (ObjectNode) TREE.readTree(d.verdictJson());
            ObjectNode now = (ObjectNode) TREE.readTree(replayedJson);
            was.remove("decisionId");
            now.remove("decisionId");
            // Both verdicts read back from JSON the same way, so that values compare as they were answered.
            VerdictChange change = new VerdictChange(VERDICT.readValue(d.verdictJson()), VERDICT.readValue(replayedJson));
            List<Difference> differences = new ArrayList<>();
            if (change.verdictChanged()) differences.add(new Difference("verdict", null, change.before().verdict(), change.after().verdict()));
            for (String rule : change.changedRules()) {
                differences.add(new Difference("findings", rule, VerdictChange.findingsOf(change.before(), rule),
                        VerdictChange.findingsOf(change.after(), rule)));
            }
            if (change.financingChanged()) differences.add(new Difference("financing", null, change.before().financing(), change.after().financing()));
            return new Replay(d.id(), pack.call(), pack.version(), pack.digest(), was.equals(now), differences, replayed);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stored verdict of decision " + d.id() + " is not a verdict", e);
        }
    }
}
