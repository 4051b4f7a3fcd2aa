package callcheck.examples;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * An example round of a call: {@code examples/<call>/rounds/<name>.json}, a round as a client POSTs it, except that a
 * proposal may also name an example proposal of the call by its name ({@code {"id": "p01", "example":
 * "eligible-tielt-pittem"}}, the file {@code examples/<call>/eligible-tielt-pittem.json}); beside it
 * {@code <name>.expected.json}, what it must give.
 */
public record RoundExample(String call, String name, Path file, Expected expected) {
    public static final String FOLDER = "rounds";
    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /**
     * What a round example must give.
     *
     * @param findings          the ids of the call-level rules that find something on the selected proposals (any order)
     * @param proposedSelection the ids of the proposed selection (any order); not checked when absent
     * @param version           the version the round is checked with, whatever its proposals' dates; absent: the version
     *                          their submission dates select
     * @param about             what the example shows
     */
    public record Expected(@JsonProperty(required = true) List<String> findings, List<String> proposedSelection, String version,
                           String about) {
        public Expected {
            findings = List.copyOf(findings);
            proposedSelection = proposedSelection == null ? null : List.copyOf(proposedSelection);
        }
    }

    /** Every round example under the examples folder, per call, in name order. */
    public static List<RoundExample> all(Path examples) {
        List<RoundExample> out = new ArrayList<>();
        try (Stream<Path> calls = Files.list(examples)) {
            for (Path callDir : calls.filter(Files::isDirectory).sorted().toList()) {
                Path rounds = callDir.resolve(FOLDER);
                if (Files.isDirectory(rounds)) out.addAll(of(callDir.getFileName().toString(), rounds));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + examples, e);
        }
        return out;
    }

    private static List<RoundExample> of(String call, Path rounds) {
        List<RoundExample> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(rounds)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json") && !p.toString().endsWith(Example.EXPECTED_SUFFIX)).sorted().toList()) {
                String name = f.getFileName().toString().replaceFirst("\\.json$", "");
                Path expectedFile = f.resolveSibling(name + Example.EXPECTED_SUFFIX);
                if (!Files.isRegularFile(expectedFile)) throw new IllegalStateException(f + " has no " + expectedFile.getFileName() + " beside it");
                out.add(new RoundExample(call, name, f, MAPPER.readValue(expectedFile.toFile(), Expected.class)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read round examples of " + rounds + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** The {@code <name>.expected.json} beside the round. */
    public Path expectedFile() {
        return file.resolveSibling(name + Example.EXPECTED_SUFFIX);
    }

    /** The example proposal of the call a round entry names: {@code examples/<call>/<name>.json}. */
    public byte[] exampleProposal(String exampleName) {
        Path callDir = file.getParent().getParent();
        Path p = callDir.resolve(exampleName + ".json").normalize();
        if (!p.getParent().equals(callDir.normalize()) || !Files.isRegularFile(p)) {
            throw new IllegalArgumentException("no example proposal '" + exampleName + "' in " + callDir);
        }
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The round as the HTTP service takes it: every proposal named by example written out inline. */
    public byte[] httpBody() {
        try {
            com.fasterxml.jackson.databind.JsonNode root = MAPPER.readTree(body());
            com.fasterxml.jackson.databind.JsonNode proposals = root.get("proposals");
            if (proposals != null && proposals.isArray()) {
                for (com.fasterxml.jackson.databind.JsonNode e : proposals) {
                    if (e instanceof com.fasterxml.jackson.databind.node.ObjectNode o && o.has("example")) {
                        o.set("proposal", MAPPER.readTree(exampleProposal(o.remove("example").asText())));
                    }
                }
            }
            return MAPPER.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] body() {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
