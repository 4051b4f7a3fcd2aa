package callcheck.cli;

import callcheck.internal.model.Json;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CheckCommandTest {

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void check_prints_the_verdict_as_json_and_exits_by_outcome() throws Exception {
        CliRun ok = run("check", "--call", "507", "examples/507/eligible-tielt-pittem.json");
        assertThat(ok.exit()).isZero();
        JsonNode v = Json.output().readTree(ok.out());
        assertThat(v.get("verdict").asText()).isEqualTo("ELIGIBLE");
        assertThat(v.get("version").asText()).isEqualTo("2020-07-14");

        CliRun late = run("check", "--call", "507", "examples/507/submitted-late.json");
        assertThat(late.exit()).isEqualTo(1);
        assertThat(Json.output().readTree(late.out()).get("findings").get(0).get("rule").asText()).isEqualTo("507-DEADLINE");

        assertThat(run("check", "--call", "507", "examples/507/commitments-missing.json").exit()).isEqualTo(3);
    }

    @Test
    void check_reports_bad_input_and_unknown_calls_on_stderr() {
        CliRun bad = run("check", "--call", "507", "pom.xml");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("not well-formed JSON");
        CliRun unknown = run("check", "--call", "999", "examples/507/eligible-tielt-pittem.json");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("999");
    }
}
