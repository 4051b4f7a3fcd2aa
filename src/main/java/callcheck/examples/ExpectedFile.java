package callcheck.examples;

import callcheck.engine.Verdict;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
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
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    /** As the analysts write them: {@code "verdict": "ELIGIBLE"}, one finding per line, {@code []} when none. */
    private static final ObjectWriter WRITER = MAPPER.writer(new Printer());

    private static final class Printer extends DefaultPrettyPrinter {
        Printer() {
            super(DefaultPrettyPrinter.DEFAULT_SEPARATORS.withObjectFieldValueSpacing(Separators.Spacing.AFTER));
            indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
        }

        Printer(Printer base) {
            super(base);
        }

        @Override
        public DefaultPrettyPrinter createInstance() {
            return new Printer(this);
        }

        @Override
        public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
            if (nrOfValues == 0) {
                if (!_arrayIndenter.isInline()) --_nesting;
                g.writeRaw(']');
                return;
            }
            super.writeEndArray(g, nrOfValues);
        }
    }

    /** The text of an expected file, as written. */
    public static String text(JsonNode root) {
        try {
            return WRITER.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ExpectedFile() {
    }

    /** Rewrites the example's expected file so that it expects what the result gave. */
    public static void accept(ExampleResult result) {
        if (result.verdict() == null) throw new IllegalArgumentException(result.example().name() + " has no verdict to accept: " + result.error());
        write(result.example().expectedFile(), result.verdict(), result.foundIds(), null);
    }

    /**
     * Rewrites a round example's expected file so that it expects what the round gave: {@code findings} (the
     * call-level rule ids, sorted) and, when the file states one or the round proposes one, {@code proposedSelection}
     * (sorted); every other field stays.
     */
    public static void accept(RoundExampleResult result) {
        if (result.result() == null) throw new IllegalArgumentException(result.example().name() + " has no answer to accept: " + result.error());
        Path file = result.example().expectedFile();
        try {
            ObjectNode root = (ObjectNode) MAPPER.readTree(Files.readAllBytes(file));
            ArrayNode ids = root.putArray("findings");
            result.foundIds().forEach(ids::add);
            if (result.result().proposedSelection() == null) {
                root.remove("proposedSelection");
            } else if (root.has("proposedSelection")) {
                ArrayNode selection = root.putArray("proposedSelection");
                new java.util.TreeSet<>(result.result().proposedSelection().ids()).forEach(selection::add);
            }
            Files.writeString(file, text(root), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
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
            Files.writeString(file, text(root), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
