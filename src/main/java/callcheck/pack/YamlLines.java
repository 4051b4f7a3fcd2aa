package callcheck.pack;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each key of a YAML file is written: its JSON pointer ({@code /parameters/deadline/value}) to its line. Lets
 * an error about a manifest entry point at the entry rather than at the file.
 */
final class YamlLines {
    private static final YAMLFactory YAML = new YAMLFactory();
    private final Map<String, Integer> lines;

    private YamlLines(Map<String, Integer> lines) {
        this.lines = lines;
    }

    /** The keys of the file; none when it cannot be read or parsed (its syntax error has its own line). */
    static YamlLines of(Path file) {
        Map<String, Integer> lines = new HashMap<>();
        try (java.io.InputStream in = Files.newInputStream(file); JsonParser p = YAML.createParser(in)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME) {
                    lines.putIfAbsent(p.getParsingContext().pathAsPointer().toString(), p.currentTokenLocation().getLineNr());
                }
            }
        } catch (IOException | RuntimeException e) {
            // keep what was read before the error
        }
        return new YamlLines(lines);
    }

    /** The line of the deepest key of the path that the file has ({@code "parameters", "x", "value"}), or 0. */
    int line(String... path) {
        for (int n = path.length; n > 0; n--) {
            StringBuilder pointer = new StringBuilder();
            for (int i = 0; i < n; i++) pointer.append('/').append(path[i].replace("~", "~0").replace("/", "~1"));
            Integer line = lines.get(pointer.toString());
            if (line != null) return line;
        }
        return 0;
    }
}
