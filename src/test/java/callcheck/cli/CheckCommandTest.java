package callcheck.cli;

import callcheck.model.Json;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class CheckCommandTest {

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream out = System.out, err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(new Main()).execute(args);
            return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void check_prints_the_verdict_as_json_and_exits_by_outcome() throws Exception {
        Run ok = run("check", "--call", "507", "examples/507/eligible-tielt-pittem.json");
        assertThat(ok.exit()).isZero();
        JsonNode v = Json.output().readTree(ok.out());
        assertThat(v.get("verdict").asText()).isEqualTo("ELIGIBLE");
        assertThat(v.get("version").asText()).isEqualTo("2020-07-14");

        Run late = run("check", "--call", "507", "examples/507/submitted-late.json");
        assertThat(late.exit()).isEqualTo(1);
        assertThat(Json.output().readTree(late.out()).get("findings").get(0).get("rule").asText()).isEqualTo("507-DEADLINE");

        assertThat(run("check", "--call", "507", "examples/507/commitments-missing.json").exit()).isEqualTo(3);
    }

    @Test
    void check_reports_bad_input_and_unknown_calls_on_stderr() {
        Run bad = run("check", "--call", "507", "pom.xml");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("not well-formed JSON");
        Run unknown = run("check", "--call", "999", "examples/507/eligible-tielt-pittem.json");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("999");
    }
}
