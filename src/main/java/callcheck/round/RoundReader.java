package callcheck.round;

import callcheck.json.CheckedParser;
import callcheck.json.Json;
import callcheck.model.InvalidProposalException;
import callcheck.model.Proposal;
import callcheck.model.ProposalReader;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * Reads a round's JSON strictly, or refuses it naming the field: unknown fields, wrong types, duplicate ids, more
 * than {@link #MAX_PROPOSALS} proposals, selected ids or scores for proposals the round does not hold, and every
 * error of an inline proposal, at its place ({@code proposals[2].proposal.financing.amif}).
 */
public final class RoundReader {
    /** More proposals than any call has had (507 approved 26, 426 had 30 proposals); the search is measured to 3,000. */
    public static final int MAX_PROPOSALS = 5_000;
    /** Ids name proposals in tables and messages. */
    public static final int MAX_ID_LENGTH = 100;
    /** A jury score: from 0 to this, with at most {@link #SCORE_DECIMALS} decimals. */
    public static final BigDecimal MAX_SCORE = new BigDecimal("1000000");
    public static final int SCORE_DECIMALS = 4;

    /** Reads one value of the round as a tree, where the parser stands: what follows it is the round's, not trailing. */
    private static final ObjectReader TREE = Json.strict().reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private RoundReader() {
    }

    /** Reads a round. */
    public static RoundRequest read(byte[] json) {
        return read(json, null);
    }

    /**
     * Reads a round; with {@code examples} (the round examples), an entry may also name an example proposal of the
     * call, {@code {"id": "p01", "example": "eligible-tielt-pittem"}}, whose file the function gives.
     */
    public static RoundRequest read(byte[] json, Function<String, byte[]> examples) {
        try {
            return read(Json.strict().createParser(json), examples, null);
        } catch (IOException e) {
            throw InvalidRoundException.bad("unreadable", null, "the body could not be read");
        }
    }

    /**
     * Reads a round as the HTTP service receives it: from the stream as it comes, one proposal at a time, so that it
     * is refused as soon as it passes a limit, never held whole as a tree.
     *
     * @param meter told what each token read costs in memory ({@link CheckedParser#BYTES_PER_TOKEN}); it may refuse
     *              by throwing, and what it or the stream throws (other than an I/O error) comes through as it is
     */
    public static RoundRequest read(InputStream json, LongConsumer meter) {
        try {
            return read(Json.strict().createParser(json), null, meter);
        } catch (IOException e) {
            throw InvalidRoundException.bad("unreadable", null, "the body could not be read");
        }
    }

    private static RoundRequest read(JsonParser raw, Function<String, byte[]> examples, LongConsumer meter) {
        try (JsonParser p = new CheckedParser(raw, meter)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw InvalidRoundException.bad("wrong_type", null, "the body must be a JSON object");
            List<RoundRequest.Entry> entries = null;
            Set<String> ids = new HashSet<>();
            JsonNode selected = null;
            JsonNode scores = null;
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "proposals" -> entries = proposals(p, examples, ids);
                    case "selected" -> selected = TREE.readTree(p);
                    case "scores" -> scores = TREE.readTree(p);
                    default -> throw InvalidRoundException.bad("unknown_field", name, "unknown field '" + name + "'; known: "
                            + List.of("proposals", "selected", "scores"));
                }
            }
            if (p.nextToken() != null) throw InvalidRoundException.bad("malformed_json", null, "the body holds more than one JSON value");
            if (entries == null) throw InvalidRoundException.bad("required", "proposals", "a round needs its proposals");
            return new RoundRequest(entries, selected(selected, ids), scores(scores, ids));
        } catch (IOException e) {
            throw translate(e);
        }
    }

    /** The proposals, read and checked one by one as they come; the parser stands on the value of "proposals". */
    private static List<RoundRequest.Entry> proposals(JsonParser p, Function<String, byte[]> examples, Set<String> ids) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) throw InvalidRoundException.bad("required", "proposals", "a round needs its proposals");
        if (p.currentToken() != JsonToken.START_ARRAY) throw InvalidRoundException.bad("wrong_type", "proposals", "proposals must be an array");
        List<RoundRequest.Entry> entries = new ArrayList<>();
        for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
            if (i == MAX_PROPOSALS) {
                throw InvalidRoundException.bad("too_many_proposals", "proposals", "a round holds at most " + MAX_PROPOSALS + " proposals, not more");
            }
            RoundRequest.Entry e = entry(TREE.readTree(p), "proposals[" + i + "]", examples);
            unique(e.id(), "proposals[" + i + "].id", ids);
            entries.add(e);
        }
        if (entries.isEmpty()) throw InvalidRoundException.bad("invalid_value", "proposals", "a round needs at least one proposal");
        return entries;
    }

    /**
     * A read that failed: the JSON text at fault, or what the stream or the meter threw, which Jackson may have
     * wrapped on its way through a tree's reading.
     */
    private static RuntimeException translate(IOException e) {
        CheckedParser.UnpairedSurrogate unpaired = CheckedParser.UnpairedSurrogate.in(e);
        if (unpaired != null) {
            return InvalidRoundException.bad("invalid_value", unpaired.field(), "the text is not Unicode: it holds an unpaired UTF-16 surrogate");
        }
        for (Throwable t = e.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RuntimeException r && !(t instanceof JacksonException)) return r;
            if (t instanceof StreamConstraintsException c) e = c;
        }
        if (e instanceof StreamConstraintsException c) {
            return InvalidRoundException.bad("too_large", null, "the JSON exceeds a limit: " + c.getOriginalMessage());
        }
        if (e instanceof JsonProcessingException j) {
            return InvalidRoundException.bad("malformed_json", null, "the body is not well-formed JSON: " + j.getOriginalMessage());
        }
        return InvalidRoundException.bad("unreadable", null, "the body could not be read");
    }

    /**
     * A round given in Java, with the checks and error fields of its JSON ({@code selected[2]}, {@code scores.p07}).
     *
     * @param proposals the proposals by id, in the map's order
     * @param selected  the ids the agency selected; null or empty for none
     * @param scores    the jury's score per id; null when none were given (every proposal then counts 1)
     */
    public static RoundRequest of(Map<String, Proposal> proposals, List<String> selected, Map<String, BigDecimal> scores) {
        size(proposals.size());
        List<RoundRequest.Entry> entries = new ArrayList<>(proposals.size());
        Set<String> ids = new HashSet<>();
        int i = 0;
        for (Map.Entry<String, Proposal> e : proposals.entrySet()) {
            String at = "proposals[" + i++ + "]";
            unique(id(e.getKey(), at + ".id"), at + ".id", ids);
            if (e.getValue() == null) throw InvalidRoundException.bad("required", at + ".proposal", "each proposal of a round needs its proposal");
            entries.add(new RoundRequest.Entry(e.getKey(), e.getValue(), null));
        }
        List<String> chosen = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        if (selected != null) for (String id : selected) chosen.add(selected("selected[" + chosen.size() + "]", id, ids, seen));
        Map<String, BigDecimal> scored = null;
        if (scores != null) {
            scored = new LinkedHashMap<>();
            for (Map.Entry<String, BigDecimal> e : scores.entrySet()) {
                String at = "scores." + e.getKey();
                member(at, e.getKey(), ids);
                if (e.getValue() == null) throw InvalidRoundException.bad("wrong_type", at, "a score is a number");
                scored.put(e.getKey(), score(at, e.getValue()));
            }
        }
        return new RoundRequest(entries, chosen, scored);
    }

    private static void size(int proposals) {
        if (proposals == 0) throw InvalidRoundException.bad("invalid_value", "proposals", "a round needs at least one proposal");
        if (proposals > MAX_PROPOSALS) {
            throw InvalidRoundException.bad("too_many_proposals", "proposals", "a round holds at most " + MAX_PROPOSALS + " proposals, not " + proposals);
        }
    }

    private static String id(String id, String at) {
        if (id == null) throw InvalidRoundException.bad("required", at, "each proposal of a round needs an id");
        if (id.isBlank() || id.length() > MAX_ID_LENGTH) {
            throw InvalidRoundException.bad("invalid_value", at, "an id is 1 to " + MAX_ID_LENGTH + " characters, not blank");
        }
        return id;
    }

    private static void unique(String id, String at, Set<String> ids) {
        if (!ids.add(id)) throw InvalidRoundException.bad("duplicate_id", at, "the id '" + id + "' is given twice");
    }

    /** A selected id of the round's proposals, not selected before. */
    private static String selected(String at, String id, Set<String> ids, Set<String> seen) {
        if (id == null) throw InvalidRoundException.bad("wrong_type", at, "a selected id is a string");
        member(at, id, ids);
        if (!seen.add(id)) throw InvalidRoundException.bad("duplicate_id", at, "'" + id + "' is selected twice");
        return id;
    }

    private static void member(String at, String id, Set<String> ids) {
        if (!ids.contains(id)) throw InvalidRoundException.bad("unknown_proposal", at, "'" + id + "' is not the id of a proposal of the round");
    }

    /** A score within range. */
    private static BigDecimal score(String at, BigDecimal score) {
        if (score.signum() < 0 || score.compareTo(MAX_SCORE) > 0 || score.stripTrailingZeros().scale() > SCORE_DECIMALS) {
            throw InvalidRoundException.bad("invalid_value", at, "a score is from 0 to " + MAX_SCORE.toPlainString() + " with at most "
                    + SCORE_DECIMALS + " decimals, not " + score.toPlainString());
        }
        return score;
    }

    private static RoundRequest.Entry entry(JsonNode node, String at, Function<String, byte[]> examples) {
        if (!node.isObject()) throw InvalidRoundException.bad("wrong_type", at, "each proposal of a round is an object with an id");
        onlyFields(node, at, examples == null ? Set.of("id", "proposal", "decisionId") : Set.of("id", "proposal", "decisionId", "example"));
        String id = id(text(node.get("id"), at + ".id"), at + ".id");
        JsonNode inline = node.get("proposal");
        String decisionId = text(node.get("decisionId"), at + ".decisionId");
        String example = examples == null ? null : text(node.get("example"), at + ".example");
        int given = (inline == null || inline.isNull() ? 0 : 1) + (decisionId == null ? 0 : 1) + (example == null ? 0 : 1);
        if (given != 1) {
            throw InvalidRoundException.bad(given == 0 ? "required" : "invalid_value", at + ".proposal",
                    "give each proposal either inline (proposal) or as a decisionId" + (examples == null ? "" : ", or name an example") + ", exactly one");
        }
        if (decisionId != null) return new RoundRequest.Entry(id, null, decisionId);
        String prefix = example != null ? at + ".example" : at + ".proposal";
        try {
            Proposal p = example != null ? ProposalReader.read(examples.apply(example)) : ProposalReader.read(inline.toString());
            return new RoundRequest.Entry(id, p, null);
        } catch (InvalidProposalException e) {
            String field = e.field() == null ? prefix : example != null ? prefix : prefix + "." + e.field();
            throw InvalidRoundException.bad(e.code(), field, (example != null ? "example '" + example + "': " : "") + e.getMessage());
        }
    }

    private static List<String> selected(JsonNode node, Set<String> ids) {
        if (node == null || node.isNull()) return List.of();
        if (!node.isArray()) throw InvalidRoundException.bad("wrong_type", "selected", "selected must be an array of proposal ids");
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String at = "selected[" + i + "]";
            out.add(selected(at, text(node.get(i), at), ids, seen));
        }
        return out;
    }

    private static Map<String, BigDecimal> scores(JsonNode node, Set<String> ids) {
        if (node == null || node.isNull()) return null;
        if (!node.isObject()) throw InvalidRoundException.bad("wrong_type", "scores", "scores must be an object of proposal id to score");
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String at = "scores." + e.getKey();
            member(at, e.getKey(), ids);
            if (!e.getValue().isNumber()) throw InvalidRoundException.bad("wrong_type", at, "a score is a number");
            out.put(e.getKey(), score(at, e.getValue().decimalValue()));
        }
        return out;
    }

    private static String text(JsonNode node, String at) {
        if (node == null || node.isNull()) return null;
        if (!node.isTextual()) throw InvalidRoundException.bad("wrong_type", at, "wrong type: expected a string");
        return node.textValue();
    }

    private static void onlyFields(JsonNode node, String at, Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                throw InvalidRoundException.bad("unknown_field", at == null ? name : at + "." + name, "unknown field '" + name + "'; known: " + known);
            }
        }
    }
}
