package callcheck.support;

import callcheck.engine.Finding;
import callcheck.engine.Verdict;
import callcheck.json.Json;
import callcheck.model.ProposalReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A proposal as JSON, to change one fact at a time in a test: start from an example, set or remove a field by
 * its path ("financing.amif", "partners[0].experience"), then evaluate it through the public reader and engine.
 */
public final class ProposalJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final ObjectNode root;

    private ProposalJson(ObjectNode root) {
        this.root = root;
    }

    /** A copy of an example file, e.g. {@code from("507/eligible-tielt-pittem.json")}. */
    public static ProposalJson from(String example) {
        try {
            return new ProposalJson((ObjectNode) MAPPER.readTree(Files.readAllBytes(Packs.EXAMPLES.resolve(example))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets a field; the value may be a String, Number, Boolean, null, a List or a JSON text given as JsonNode. */
    public ProposalJson set(String path, Object value) {
        Target t = target(path);
        JsonNode node = toNode(value);
        if (t.parent instanceof ObjectNode o) o.set(t.name, node);
        else ((ArrayNode) t.parent).set(t.index, node);
        return this;
    }

    /** Sets a field to a JSON text, e.g. {@code json("partners[0]", "{\"name\": \"x\"}")}. */
    public ProposalJson json(String path, String json) {
        try {
            return set(path, MAPPER.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends to an array field a JSON text. */
    public ProposalJson add(String path, String json) {
        try {
            ((ArrayNode) node(path)).add(MAPPER.readTree(json));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes a field, so that the fact is absent. */
    public ProposalJson remove(String path) {
        Target t = target(path);
        if (t.parent instanceof ObjectNode o) o.remove(t.name);
        else ((ArrayNode) t.parent).remove(t.index);
        return this;
    }

    public String text() {
        return root.toString();
    }

    /** Evaluates with the version that governs its submission date. */
    public Verdict evaluate(String call) {
        return Packs.engine().evaluate(call, ProposalReader.read(text()));
    }

    /** Evaluates with a pinned version. */
    public Verdict evaluate(String call, String version) {
        return Packs.engine().evaluate(call, version, ProposalReader.read(text()));
    }

    /** The findings of one rule in a verdict. */
    public static List<Finding> findingsOf(Verdict v, String ruleId) {
        return v.findings().stream().filter(f -> f.rule().equals(ruleId)).toList();
    }

    /** The rule ids that found something, in the verdict's order, each once. */
    public static List<String> findingIds(Verdict v) {
        return v.findings().stream().map(Finding::rule).distinct().toList();
    }

    /** The node at a path, e.g. {@code node("partners[0]")}. */
    public JsonNode node(String path) {
        Target t = target(path);
        return t.parent instanceof ObjectNode o ? o.get(t.name) : t.parent.get(t.index);
    }

    private record Target(JsonNode parent, String name, int index) {
    }

    private Target target(String path) {
        JsonNode parent = root;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            int bracket = p.indexOf('[');
            String name = bracket < 0 ? p : p.substring(0, bracket);
            Integer index = bracket < 0 ? null : Integer.parseInt(p.substring(bracket + 1, p.length() - 1));
            boolean last = i == parts.length - 1;
            if (last && index == null) return new Target(parent, name, -1);
            JsonNode child = parent.get(name);
            if (child == null || child.isNull()) {
                child = index == null ? JsonNodeFactory.instance.objectNode() : JsonNodeFactory.instance.arrayNode();
                ((ObjectNode) parent).set(name, child);
            }
            if (index != null) {
                if (last) return new Target(child, null, index);
                parent = child.get(index);
            } else {
                parent = child;
            }
        }
        throw new IllegalArgumentException(path);
    }

    private static JsonNode toNode(Object value) {
        if (value instanceof JsonNode n) return n;
        if (value instanceof BigDecimal b) return JsonNodeFactory.instance.numberNode(b);
        return Json.output().valueToTree(value);
    }
}
