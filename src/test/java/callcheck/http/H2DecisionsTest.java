package callcheck.http;

import callcheck.evaluation.Ulid;
import callcheck.store.Decision;
import callcheck.store.DecisionStore;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class H2DecisionsTest extends DecisionsContract {
    @TempDir
    Path data;

    @Override
    DecisionStore open() {
        return DecisionStore.open(null, data);
    }

    /**
     * A row whose text is not Unicode (stored before the readers refused it; the embedded store keeps it as it is) is
     * written escaped: the export goes on past it, valid NDJSON and CSV to its end.
     */
    @Test
    void an_export_goes_on_past_a_row_with_an_unpaired_surrogate() throws Exception {
        String first = evaluate("507", "507/eligible-tielt-pittem.json");
        Decision d = store.find(first).orElseThrow();
        String title = MAPPER.readTree(d.proposalJson()).get("title").asText();
        String bad = Ulid.next();
        store.record(new Decision(bad, Instant.now(), "portal\udc00", d.call(), d.version(), d.digest(), d.verdict(), d.tookMicros(),
                d.proposalJson().replace(title, "x\ud800y"), d.verdictJson()), store.pack(d.digest()).orElseThrow());
        assertThat(store.find(bad).orElseThrow().proposalJson()).contains("x\ud800y");
        String last = evaluate("507", "507/eligible-tielt-pittem.json");

        TestServer.Response nd = api.send(api.request("/v1/decisions/export").header("Authorization", "Bearer " + token)
                .header("Accept", "application/x-ndjson").GET().build());
        assertThat(nd.status()).isEqualTo(200);
        assertThat(nd.body()).endsWith("\n").doesNotContain("internal_error");
        String[] lines = nd.body().split("\n");
        assertThat(lines).hasSize(3);
        JsonNode escaped = MAPPER.readTree(lines[1]);
        assertThat(escaped.get("decisionId").asText()).isEqualTo(bad);
        assertThat(escaped.get("proposal").get("title").asText()).isEqualTo("x\ud800y"); // the escape reads back as stored
        assertThat(escaped.get("askedBy").asText()).isEqualTo("portal\uFFFD");
        assertThat(MAPPER.readTree(lines[2]).get("decisionId").asText()).isEqualTo(last);
        assertThat(api.get("/v1/decisions/" + bad, token).status()).isEqualTo(200);

        TestServer.Response csv = api.send(api.request("/v1/decisions/export").header("Authorization", "Bearer " + token)
                .header("Accept", "text/csv").GET().build());
        assertThat(csv.status()).isEqualTo(200);
        String[] rows = csv.body().split("\r\n");
        assertThat(rows).hasSize(4);
        assertThat(rows[2]).startsWith(bad + ",").contains(",portal\uFFFD,507,");
        assertThat(rows[3]).startsWith(last + ",");
    }
}
