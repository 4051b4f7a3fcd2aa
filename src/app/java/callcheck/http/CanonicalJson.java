package callcheck.http;

import callcheck.engine.Verdict;
import callcheck.json.Json;
import callcheck.model.Proposal;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.javalin.http.ContentType;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The JSON a decision is recorded with (the proposal as it was read, the verdict as it is answered), and its writing out. */
final class CanonicalJson {
    private static final ObjectWriter VERDICT_WRITER = Json.output().writerFor(Verdict.class);
    /** The proposal as it was read, every field (null when absent), as the strict reader reads it back. */
    private static final ObjectWriter PROPOSAL_WRITER = Json.strict().writerFor(Proposal.class)
            .without(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).with(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private CanonicalJson() {
    }

    /**
     * Writes JSON bytes straight to the response: {@code ctx.json} would make a String, then bytes, then copy them
     * through a 32 KB buffer allocated for each response. No Content-Length is set here: Javalin gzips the answer
     * when the client asks for it, and Jetty sets the length of what it sends (or chunks it).
     */
    static void respond(Context ctx, byte[] json) {
        try {
            ctx.contentType(ContentType.APPLICATION_JSON);
            ctx.outputStream().write(json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the answer", e);
        }
    }

    static String proposal(Proposal p) {
        try {
            return PROPOSAL_WRITER.writeValueAsString(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the proposal", e);
        }
    }

    static byte[] verdict(Verdict v) {
        try {
            return VERDICT_WRITER.writeValueAsBytes(v);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the verdict", e);
        }
    }
}
