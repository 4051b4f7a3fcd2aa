package callcheck.store;

import callcheck.json.Json;
import callcheck.json.Unicode;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Writes decisions as they come from the store, oldest first, without holding them: NDJSON (one {@link DecisionJson}
 * a line) or CSV (one summary a line, after a header).
 */
public final class Export {
    public static final String CSV_HEADER = "decisionId,receivedAt,askedBy,call,version,digest,verdict,tookMicros";

    private Export() {
    }

    public static void ndjson(DecisionStore store, Filter filter, OutputStream out) throws IOException {
        JsonGenerator g = Json.output().getFactory().createGenerator(out);
        g.setRootValueSeparator(null);
        store.export(filter, false, d -> {
            try {
                Json.output().writeValue(g, DecisionJson.of(d));
                g.writeRaw('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        g.flush();
    }

    public static void csv(DecisionStore store, Filter filter, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 16 * 1024);
        w.write(CSV_HEADER + "\r\n");
        store.export(filter, true, d -> {
            try {
                w.write(String.join(",", d.id(), d.receivedAt().toString(), field(d.askedBy()), field(d.call()), field(d.version()),
                        d.digest(), d.verdict(), Long.toString(d.tookMicros())));
                w.write("\r\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        w.flush();
    }

    /**
     * A CSV field (RFC 4180), quoted when it holds a comma, a quote or a line break; an unpaired surrogate, which
     * UTF-8 cannot encode, as U+FFFD.
     */
    static String field(String s) {
        if (s == null) return "";
        s = Unicode.replaced(s);
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
