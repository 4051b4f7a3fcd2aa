package callcheck.support;

import callcheck.engine.Finding;
import callcheck.round.Decisions;
import callcheck.round.RoundReader;
import callcheck.engine.RoundResult;
import callcheck.round.Rounds;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A round as JSON, built proposal by proposal in a test: {@code add("p01", ProposalJson.from(...))}, then
 * {@code select("p01")}, {@code score("p01", 7)}, and check it through the public reader and the project's packs.
 */
public final class RoundJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final ObjectNode root = MAPPER.createObjectNode();
    private final ArrayNode proposals = root.putArray("proposals");

    public static RoundJson round() {
        return new RoundJson();
    }

    public RoundJson add(String id, ProposalJson proposal) {
        try {
            proposals.addObject().put("id", id).set("proposal", MAPPER.readTree(proposal.text()));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds {@code n} copies of a proposal, ids {@code prefix1..prefixN}, all selected. */
    public RoundJson addSelected(String prefix, int n, ProposalJson proposal) {
        for (int i = 1; i <= n; i++) add(prefix + i, proposal).select(prefix + i);
        return this;
    }

    public RoundJson select(String... ids) {
        ArrayNode s = root.has("selected") ? (ArrayNode) root.get("selected") : root.putArray("selected");
        for (String id : ids) s.add(id);
        return this;
    }

    public RoundJson score(String id, String score) {
        ObjectNode s = root.has("scores") ? (ObjectNode) root.get("scores") : root.putObject("scores");
        s.put(id, new BigDecimal(score));
        return this;
    }

    public String text() {
        return root.toString();
    }

    public byte[] bytes() {
        return text().getBytes(StandardCharsets.UTF_8);
    }

    /** Checks the round against the project's packs, without a decision store, on the version its dates select. */
    public RoundResult check(String call) {
        return check(call, null);
    }

    /** Checks the round on a pinned version of the project's packs. */
    public RoundResult check(String call, String version) {
        return Rounds.check(Packs.engine().packs(), call, version, RoundReader.read(bytes()), Decisions.NONE);
    }

    /** The rule ids of the findings on the selected proposals, each once. */
    public static List<String> findingIds(RoundResult r) {
        return r.findings().stream().map(Finding::rule).distinct().toList();
    }

    public static Finding single(RoundResult r, String rule) {
        List<Finding> f = r.findings().stream().filter(x -> x.rule().equals(rule)).toList();
        if (f.size() != 1) throw new AssertionError("expected one finding of " + rule + ", got " + r.findings());
        return f.get(0);
    }
}
