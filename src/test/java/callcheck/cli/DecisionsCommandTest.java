package callcheck.cli;

import callcheck.engine.Verdict;
import callcheck.evaluation.PackEngine;
import callcheck.json.Json;
import callcheck.pack.RulePack;
import callcheck.model.ProposalReader;
import callcheck.store.Decision;
import callcheck.store.DecisionStore;
import callcheck.store.TokenScope;
import callcheck.store.Pack;
import callcheck.support.Packs;
import callcheck.support.ProposalJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code callcheck token} and {@code callcheck decisions} on an embedded store. */
class DecisionsCommandTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path data;

    /** Records a real decision on the project's pack, as the service does. */
    private String record(String call, String example, String askedBy) throws Exception {
        String json = ProposalJson.from(example).text();
        var proposal = ProposalReader.read(json);
        RulePack pack = Packs.engine().packs().select(call, null, proposal.getSubmittedOn());
        Verdict v = PackEngine.evaluate(pack, Packs.engine().packs().reference(), proposal);
        try (DecisionStore s = DecisionStore.open(null, data)) {
            s.record(new Decision(v.decisionId(), Instant.now(), askedBy, call, v.version(), v.digest(), v.verdict().name(), 100,
                    json, Json.output().writeValueAsString(v)), new Pack(pack.digest(), call, pack.version(), pack.files()));
        }
        return v.decisionId();
    }

    @Test
    void token_add_prints_the_token_once_list_shows_names_remove_removes() {
        CliRun added = CliRun.of("token", "add", "ocmw-portal", "--data", data.toString());
        assertThat(added.exit()).as(added.err()).isZero();
        String[] words = added.out().trim().split("\\s+");
        String token = words[words.length - 1];
        assertThat(token).startsWith("cc_");
        try (DecisionStore s = DecisionStore.open(null, data)) {
            DecisionStore.TokenInfo info = s.token(token).orElseThrow();
            assertThat(info.name()).isEqualTo("ocmw-portal");
            assertThat(info.scopes()).containsExactly(TokenScope.EVALUATE); // a portal's token only evaluates unless told
        }
        CliRun list = CliRun.of("token", "list", "--data", data.toString());
        assertThat(list.out()).contains("ocmw-portal").contains("SCOPES").doesNotContain(token);
        assertThat(list.outLines()).anySatisfy(line -> assertThat(line).startsWith("ocmw-portal").contains(" evaluate "));
        assertThat(CliRun.of("token", "add", "ocmw-portal", "--data", data.toString()).exit()).isEqualTo(1);
        assertThat(CliRun.of("token", "remove", "ocmw-portal", "--data", data.toString()).exit()).isZero();
        assertThat(CliRun.of("token", "remove", "ocmw-portal", "--data", data.toString()).exit()).isEqualTo(1);
        assertThat(CliRun.of("token", "list", "--data", data.toString()).out()).doesNotContain("ocmw-portal");
    }

    @Test
    void token_add_takes_the_scopes_it_is_given_and_refuses_an_unknown_one() {
        CliRun added = CliRun.of("token", "add", "auditor", "--scope", "read,export", "--data", data.toString());
        assertThat(added.exit()).as(added.err()).isZero();
        assertThat(added.out()).contains("read,export");
        String[] words = added.out().trim().split("\\s+");
        try (DecisionStore s = DecisionStore.open(null, data)) {
            assertThat(s.token(words[words.length - 1]).orElseThrow().scopes()).containsExactlyInAnyOrder(TokenScope.READ, TokenScope.EXPORT);
        }
        assertThat(CliRun.of("token", "list", "--data", data.toString()).outLines())
                .anySatisfy(line -> assertThat(line).startsWith("auditor").contains(" read,export "));

        CliRun unknown = CliRun.of("token", "add", "reader", "--scope", "read,admin", "--data", data.toString());
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("unknown scope 'admin'").contains("evaluate,read,export");
        assertThat(CliRun.of("token", "add", "nothing", "--scope", "", "--data", data.toString()).exit()).isEqualTo(1);
        assertThat(CliRun.of("token", "list", "--data", data.toString()).out()).doesNotContain("reader").doesNotContain("nothing");
    }

    @Test
    void decisions_list_show_replay_export() throws Exception {
        String first = record("507", "507/eligible-tielt-pittem.json", null);
        String second = record("426", "426/eligible-at-25-percent.json", "portal");

        CliRun list = CliRun.of("decisions", "list", "--data", data.toString());
        assertThat(list.exit()).as(list.err()).isZero();
        List<String> lines = list.outLines();
        assertThat(lines.get(0)).startsWith("DECISION");
        assertThat(lines.get(1)).startsWith(second).contains("426").contains("portal");
        assertThat(lines.get(2)).startsWith(first).contains("507");
        assertThat(CliRun.of("decisions", "list", "--call", "507", "--data", data.toString()).outLines()).hasSize(2);
        assertThat(CliRun.of("decisions", "list", "--verdict", "MAYBE", "--data", data.toString()).exit()).isEqualTo(2);

        CliRun show = CliRun.of("decisions", "show", first, "--data", data.toString());
        assertThat(show.exit()).isZero();
        JsonNode d = MAPPER.readTree(show.out());
        assertThat(d.get("verdict").get("decisionId").asText()).isEqualTo(first);
        assertThat(d.get("proposal").get("title").asText()).isNotEmpty();
        assertThat(CliRun.of("decisions", "show", "01JD0000000000000000000000", "--data", data.toString()).exit()).isEqualTo(1);

        CliRun replay = CliRun.of("decisions", "replay", first, "--data", data.toString());
        assertThat(replay.exit()).as(replay.err()).isZero();
        assertThat(MAPPER.readTree(replay.out()).get("identical").asBoolean()).isTrue();
        // Replayed on another version of 426 than the one that decided: whichever that is.
        String decidedOn = MAPPER.readTree(CliRun.of("decisions", "show", second, "--data", data.toString()).out()).get("verdict").get("version").asText();
        String otherVersion = Packs.engine().packs().versions("426").stream().map(p -> p.version()).filter(v -> !v.equals(decidedOn)).findFirst().orElseThrow();
        CliRun other = CliRun.of("decisions", "replay", second, "--version", otherVersion, "--rules", Packs.RULES.toString(), "--data", data.toString());
        assertThat(MAPPER.readTree(other.out()).get("version").asText()).isEqualTo(otherVersion);
        assertThat(other.exit()).isEqualTo(1); // another version: not identical

        CliRun nd = CliRun.of("decisions", "export", "--data", data.toString());
        assertThat(nd.exit()).isZero();
        assertThat(nd.outLines()).hasSize(2);
        assertThat(MAPPER.readTree(nd.outLines().get(0)).get("decisionId").asText()).isEqualTo(first);
        CliRun csv = CliRun.of("decisions", "export", "--format", "csv", "--call", "426", "--data", data.toString());
        assertThat(csv.out().split("\r\n")).hasSize(2);
        assertThat(csv.out()).startsWith("decisionId,receivedAt,askedBy,call");
    }

    @Test
    void an_export_goes_on_past_a_row_whose_text_is_not_unicode() throws Exception {
        record("507", "507/eligible-tielt-pittem.json", "portal\udc00"); // a name stored before the readers refused it
        String last = record("426", "426/eligible-at-25-percent.json", null);
        CliRun nd = CliRun.of("decisions", "export", "--data", data.toString());
        assertThat(nd.exit()).as(nd.err()).isZero();
        assertThat(nd.outLines()).hasSize(2);
        assertThat(MAPPER.readTree(nd.outLines().get(0)).get("askedBy").asText()).isEqualTo("portal\uFFFD");
        assertThat(MAPPER.readTree(nd.outLines().get(1)).get("decisionId").asText()).isEqualTo(last);
        CliRun csv = CliRun.of("decisions", "export", "--format", "csv", "--data", data.toString());
        assertThat(csv.exit()).as(csv.err()).isZero();
        assertThat(csv.out().split("\r\n")).hasSize(3);
    }
}
