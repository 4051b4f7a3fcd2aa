package callcheck.http;

import callcheck.store.DecisionStore;
import callcheck.support.ProposalJson;
import callcheck.support.RulesCopy;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The memory that bodies in flight hold is bounded by design: a server with a small heap that gets several rounds of
 * 16 MB at once (the largest body it takes) answers each with a 4xx or a 503, never a 500 nor an OutOfMemoryError,
 * and goes on deciding and recording.
 */
class MemoryBoundTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int BODY_BYTES = RequestChecks.MAX_ROUND_BODY_BYTES;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path temp;

    @Test
    void six_rounds_of_16_mb_at_once_on_a_256_mb_heap_are_refused_and_the_service_goes_on() throws Exception {
        Path rules = RulesCopy.into(temp.resolve("rules"), "507").root();
        Path data = temp.resolve("data");
        String token;
        try (DecisionStore s = DecisionStore.open(null, data)) {
            token = s.addToken("analyst");
        }
        String proposal = ProposalJson.from("507/eligible-tielt-pittem.json").text();
        List<byte[]> bodies = List.of(
                // empty items: each a tree node, millions of them
                round(i -> "{}"),
                // one proposal whose partners are millions of empty objects
                padded("{\"proposals\":[{\"id\":\"p\",\"proposal\":{\"submittedOn\":\"2020-10-01\",\"partners\":[", "{}", "]}}]}"),
                // realistic proposals, more of them than a round holds
                round(i -> "{\"id\":\"p" + i + "\",\"proposal\":" + proposal + "}"));
        try (ServerProcess server = ServerProcess.serve(List.of("-Xmx256m"), rules, "--data", data.toString())) {
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(client.sendAsync(HttpRequest.newBuilder(server.base.resolve("/v1/calls/507/rounds")).timeout(Duration.ofSeconds(120))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i % bodies.size())))
                        .build(), HttpResponse.BodyHandlers.ofString()));
            }
            for (int i = 0; i < answers.size(); i++) {
                HttpResponse<String> r = answers.get(i).get(); // a refused body is read to its end, so the client gets the answer
                assertThat(r.statusCode()).as("round %d: %s", i, r.body()).satisfiesAnyOf(
                        s -> assertThat(s).isBetween(400, 499), s -> assertThat(s).isEqualTo(503));
                assertThat(MAPPER.readTree(r.body()).path("error").path("code").asText()).as("round %d", i).isNotEmpty();
                if (r.statusCode() == 503) assertThat(r.headers().firstValue("Retry-After")).as("round %d", i).isPresent();
            }
            assertThat(server.alive()).isTrue();

            HttpResponse<String> evaluated = client.send(HttpRequest.newBuilder(server.base.resolve("/v1/calls/507/evaluations"))
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(proposal)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(evaluated.statusCode()).as(evaluated.body()).isEqualTo(200);
            String id = MAPPER.readTree(evaluated.body()).get("decisionId").asText();
            HttpResponse<String> recorded = client.send(HttpRequest.newBuilder(server.base.resolve("/v1/decisions/" + id))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(200);
            assertThat(MAPPER.readTree(recorded.body()).get("decisionId").asText()).isEqualTo(id);
        }
    }

    /** A round of entries until it is as large as a round body may be. */
    private static byte[] round(java.util.function.IntFunction<String> entry) {
        StringBuilder b = new StringBuilder(BODY_BYTES).append("{\"proposals\":[");
        for (int i = 0; ; i++) {
            String e = (i == 0 ? "" : ",") + entry.apply(i);
            if (b.length() + e.length() + 2 > BODY_BYTES) break;
            b.append(e);
        }
        return b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code head}, then {@code item} repeated (comma-separated) up to the round body's size, then {@code tail}. */
    private static byte[] padded(String head, String item, String tail) {
        StringBuilder b = new StringBuilder(BODY_BYTES).append(head).append(item);
        while (b.length() + item.length() + 1 + tail.length() <= BODY_BYTES) b.append(',').append(item);
        return b.append(tail).toString().getBytes(StandardCharsets.UTF_8);
    }
}
