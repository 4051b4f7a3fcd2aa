package callcheck.engine;

import callcheck.json.Json;
import callcheck.model.Proposal;
import callcheck.model.ProposalReader;
import callcheck.support.Packs;
import callcheck.support.ProposalJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EngineTest {

    @Test
    void the_library_api_of_the_readme_works_without_a_server() throws Exception {
        String json = Files.readString(Path.of("examples/507/eligible-tielt-pittem.json"));
        // As in README.md, "Embed the engine as a library":
        Engine engine = Engine.load(Path.of("rules"));
        Verdict verdict = engine.evaluate("507", ProposalReader.read(json));
        assertThat(verdict.verdict()).isEqualTo(Outcome.ELIGIBLE);
        assertThat(verdict.call()).isEqualTo("507");
        assertThat(verdict.version()).isEqualTo("2020-07-14");
        assertThat(verdict.financing().maxSubsidy()).isEqualByComparingTo("40000");
        assertThat(engine.evaluate("507", "2020-07-14", ProposalReader.read(json)).verdict()).isEqualTo(Outcome.ELIGIBLE);
    }

    @Test
    void the_same_proposal_and_pack_give_the_same_verdict_byte_for_byte_but_the_decision_id() throws Exception {
        Proposal p = ProposalReader.read(ProposalJson.from("507/vvsg-and-own-share.json").set("coApplicants", List.of()).text());
        ObjectNode a = Json.output().valueToTree(Packs.engine().evaluate("507", p));
        ObjectNode b = Json.output().valueToTree(Packs.engine().evaluate("507", p));
        assertThat(a.get("decisionId")).isNotEqualTo(b.get("decisionId"));
        a.remove("decisionId");
        b.remove("decisionId");
        assertThat(Json.output().writeValueAsString(a)).isEqualTo(Json.output().writeValueAsString(b));
        assertThat(a.get("findings")).hasSizeGreaterThan(1);
    }

    @Test
    void decision_ids_are_distinct_ulids_that_increase_with_time() {
        java.util.List<String> ids = new java.util.ArrayList<>();
        java.time.Instant before = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        for (int i = 0; i < 10_000; i++) ids.add(callcheck.evaluation.PackEngine.decisionId());
        java.time.Instant after = java.time.Instant.now();
        assertThat(ids).allSatisfy(id -> assertThat(id).matches("[0-7][0-9A-HJKMNP-TV-Z]{25}"));
        assertThat(ids).isSorted().doesNotHaveDuplicates();
        assertThat(callcheck.evaluation.Ulid.time(ids.get(0))).isBetween(before, after);
        assertThat(callcheck.evaluation.Ulid.time(ids.get(9_999))).isBetween(before, after);
    }

    @Test
    void a_date_no_version_governs_is_an_error_not_a_guess() {
        assertThatThrownBy(() -> ProposalJson.from("507/eligible-tielt-pittem.json").set("submittedOn", "2020-07-13").evaluate("507"))
                .isInstanceOfSatisfying(UnknownCallException.class, e -> {
                    assertThat(e.code()).isEqualTo("no_version_for_date");
                    assertThat(e.getMessage()).contains("2020-07-13").contains("2020-07-14");
                });
    }

    @Test
    void an_unknown_call_or_version_is_an_error() {
        assertThatThrownBy(() -> ProposalJson.from("507/eligible-tielt-pittem.json").evaluate("999"))
                .isInstanceOfSatisfying(UnknownCallException.class, e -> assertThat(e.code()).isEqualTo("unknown_call"));
        assertThatThrownBy(() -> ProposalJson.from("507/eligible-tielt-pittem.json").evaluate("507", "2019-01-01"))
                .isInstanceOfSatisfying(UnknownCallException.class, e -> assertThat(e.code()).isEqualTo("unknown_version"));
    }

    @Test
    void findings_are_ordered_blocking_first_then_by_rule() {
        Verdict v = ProposalJson.from("507/commitments-missing.json").set("submittedOn", "2020-10-20")
                .set("trajectories[0].hoursPerParticipant", 10).evaluate("507");
        assertThat(v.findings()).extracting(Finding::rule).containsExactly(
                "507-DEADLINE", "507-EVALUATION", "507-FRAMEWORK", "507-LEARNING-NETWORK", "507-HOURS");
        assertThat(v.verdict()).isEqualTo(Outcome.INELIGIBLE);
    }

    @Test
    void evaluations_on_many_threads_give_what_they_give_one_by_one() throws Exception {
        List<String> names = new ArrayList<>();
        try (var files = Files.list(Path.of("examples/507"))) {
            files.filter(Files::isRegularFile).map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json") && !n.endsWith(".expected.json"))
                    .sorted().forEach(names::add);
        }
        List<Proposal> proposals = names.stream().map(n -> ProposalReader.read(ProposalJson.from("507/" + n).text())).toList();
        List<List<Finding>> alone = proposals.stream().map(p -> Packs.engine().evaluate("507", p).findings()).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<Finding>>> futures = new ArrayList<>();
            for (int round = 0; round < 20; round++) {
                for (Proposal p : proposals) futures.add(pool.submit(() -> Packs.engine().evaluate("507", p).findings()));
            }
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).get()).isEqualTo(alone.get(i % proposals.size()));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
