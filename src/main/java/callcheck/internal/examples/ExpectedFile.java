package callcheck.internal.examples;

import callcheck.engine.Verdict;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes an example's {@code <name>.expected.json} from a verdict the analyst accepted: {@code verdict} and
 * {@code findings} (the rule ids, sorted, each once) are set; every other field ({@code about}, a pinned
 * {@code version}) stays as it was, in its place.
 */
public final class ExpectedFile {
    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ExpectedFile() {
    }

    /** Rewrites the example's expected file so that it expects what the result gave. */
    public static void accept(ExampleResult result) {
        if (result.verdict() == null) throw new IllegalArgumentException(result.example().name() + " has no verdict to accept: " + result.error());
        write(result.example().expectedFile(), result.verdict(), result.foundIds(), null);
    }

    /**
     * Writes the expected file for a verdict: the file's other fields are kept when it exists; {@code about} is set
     * when given.
     */
    public static void write(Path file, Verdict verdict, java.util.List<String> findingIds, String about) {
        try {
            ObjectNode root = Files.exists(file) ? (ObjectNode) MAPPER.readTree(Files.readAllBytes(file)) : MAPPER.createObjectNode();
            root.put("verdict", verdict.verdict().name());
            ArrayNode ids = root.putArray("findings");
            findingIds.forEach(ids::add);
            if (about != null) root.put("about", about);
            Files.writeString(file, MAPPER.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
