package callcheck.cli;

import callcheck.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import callcheck.pack.PackLoader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class CheckCommandTest {

    /** A run without the compiled-pack cache, which would otherwise be data/packs-cache under the project folder. */
    private static CliRun run(String... args) {
        String[] withCache = java.util.Arrays.copyOf(args, args.length + 2);
        withCache[args.length] = "--cache";
        withCache[args.length + 1] = "off";
        return CliRun.of(withCache);
    }

    @Test
    void check_stores_the_compiled_packs_and_reads_them_back_at_the_next_run(@TempDir Path cache) throws Exception {
        String[] args = {"check", "--call", "507", "examples/507/submitted-late.json", "--cache", cache.toString()};
        CliRun first = CliRun.of(args);
        assertThat(first.exit()).as(first.err()).isEqualTo(1);
        try (Stream<Path> entries = Files.list(cache)) {
            // one entry per set of rule files compiled: a pack's, and its call-level rules'; packs of the same files share one
            java.util.Set<Object> compiled = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            for (var p : callcheck.support.Packs.engine().packs().all()) {
                compiled.add(p.kieBase());
                if (p.round() != null) compiled.add(p.round().kieBase());
            }
            // stored at once as compiled from DRL (the executable model is the server's to compile)
            assertThat(entries.filter(f -> f.toString().endsWith(".drl-packages")).count()).as("an entry per set of rule files")
                    .isEqualTo(compiled.size());
        }
        CliRun second = CliRun.of(args);
        assertThat(second.exit()).isEqualTo(1);
        assertThat(withoutDecisionId(second.out())).isEqualTo(withoutDecisionId(first.out()));
    }

    private static String withoutDecisionId(String verdict) throws Exception {
        ObjectNode v = (ObjectNode) Json.output().readTree(verdict);
        v.remove("decisionId");
        return v.toString();
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
