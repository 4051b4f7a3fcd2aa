package callcheck.examples;

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
 * An example proposal of a call: {@code examples/<call>/<name>.json}, exactly what a client would POST, beside
 * {@code <name>.expected.json}, what it must give. Adding the two files adds a case.
 */
public record Example(String call, String name, Path file, Expectation expected) {
    public static final String EXPECTED_SUFFIX = ".expected.json";
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /** Every example under the folder, per call folder, in name order. An example without expectation is an error. */
    public static List<Example> all(Path examples) {
        List<Example> out = new ArrayList<>();
        try (Stream<Path> calls = Files.list(examples)) {
            for (Path callDir : calls.filter(Files::isDirectory).sorted().toList()) {
                out.addAll(of(callDir));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + examples, e);
        }
        return out;
    }

    /** The examples of one call folder. */
    public static List<Example> of(Path callDir) {
        List<Example> out = new ArrayList<>();
        String call = callDir.getFileName().toString();
        try (Stream<Path> files = Files.list(callDir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json") && !p.toString().endsWith(EXPECTED_SUFFIX)).sorted().toList()) {
                String name = f.getFileName().toString().replaceFirst("\\.json$", "");
                Path expectedFile = f.resolveSibling(name + EXPECTED_SUFFIX);
                if (!Files.isRegularFile(expectedFile)) {
                    throw new IllegalStateException(f + " has no " + expectedFile.getFileName() + " beside it");
                }
                out.add(new Example(call, name, f, MAPPER.readValue(Files.readAllBytes(expectedFile), Expectation.class)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read examples of " + callDir + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** The {@code <name>.expected.json} beside the proposal. */
    public Path expectedFile() {
        return file.resolveSibling(name + EXPECTED_SUFFIX);
    }

    public byte[] proposal() {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
