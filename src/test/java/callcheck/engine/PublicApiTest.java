package callcheck.engine;

import callcheck.model.Financing;
import callcheck.model.InvalidProposalException;
import callcheck.model.Organisation;
import callcheck.model.OrganisationKind;
import callcheck.model.Proposal;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import callcheck.rules.Parameter;
import callcheck.support.RulesCopy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The library's API beyond one verdict, as an embedder uses it, on the library test pack (call 900). */
class PublicApiTest {
    @TempDir
    static Path dir;
    /** The project's reference data and test call 997 (proposal: at most 60; round: at most 100 in 2020, BLOCKING;
     * at least 2 selected, WARNING). */
    static Path rounds;

    @BeforeAll
    static void setUp() throws IOException {
        rounds = RulesCopy.into(dir.resolve("rules"), new String[0]).root();
        RulesCopy.copyTree(Path.of("src/test/resources/packs/rounds"), rounds);
    }

    static Proposal asking(String amif) {
        return Proposal.builder().submittedOn(LocalDate.of(2020, 6, 1)).financing(Financing.builder().amif(amif)).build();
    }

    @Test
    void a_round_through_the_engine_gives_the_call_level_findings_and_the_best_selection() {
        Map<String, Proposal> proposals = new LinkedHashMap<>();
        for (String[] p : new String[][]{{"a", "50"}, {"b", "40"}, {"c", "70"}, {"d", "60"}}) proposals.put(p[0], asking(p[1]));
        Map<String, BigDecimal> scores = Map.of("a", new BigDecimal("5"), "b", new BigDecimal("3"), "c", new BigDecimal("9"),
                "d", new BigDecimal("4.5"));
        try (Engine engine = Engine.load(rounds)) {
            RoundResult r = engine.round("997", proposals, List.of("a", "b", "d"), scores);
            assertThat(r.version()).isEqualTo("2020-01-01");
            assertThat(r.proposals()).extracting(RoundResult.Line::id).containsExactly("a", "b", "c", "d");
            assertThat(r.proposals()).extracting(RoundResult.Line::verdict)
                    .containsExactly(Outcome.ELIGIBLE, Outcome.ELIGIBLE, Outcome.INELIGIBLE, Outcome.ELIGIBLE);
            assertThat(r.findings()).extracting(Finding::rule).containsExactly("997-ROUND-BUDGET");
            assertThat(r.totals().subsidy()).isEqualByComparingTo("150");
            assertThat(r.proposedSelection().ids()).containsExactly("a", "b");
            assertThat(r.proposedSelection().totalScore()).isEqualByComparingTo("8");
            assertThat(r.proposedSelection().optimal()).isTrue();
            // the 2021 version has a budget of 150: pinned, the same selection breaks nothing BLOCKING
            assertThat(engine.round("997", "2021-01-01", proposals, List.of("a", "b", "d"), scores).findings()).isEmpty();

            assertThatThrownBy(() -> engine.round("997", proposals, List.of("a", "x"), null))
                    .isInstanceOfSatisfying(CallcheckException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ROUND);
                        assertThat(e.code()).isEqualTo("unknown_proposal");
                        assertThat(e.field()).isEqualTo("selected[1]");
                        assertThat(e.getMessage()).contains("'x'");
                    });
            assertThatThrownBy(() -> engine.round("997", proposals, null, Map.of("a", new BigDecimal("-1"))))
                    .isInstanceOfSatisfying(CallcheckException.class, e -> assertThat(e.code()).isEqualTo("invalid_value"));
            assertThatThrownBy(() -> engine.round("998", proposals, null, null))
                    .isInstanceOfSatisfying(CallcheckException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.UNKNOWN_CALL));
        }
    }

    @Test
    void a_versions_rules_parameters_and_documents_are_listed() {
        try (Engine engine = Engine.load(rounds)) {
            List<RuleDescription> rules = engine.rules("997", "2020-01-01");
            assertThat(rules).extracting(RuleDescription::id).containsExactly("997-SUBSIDY-MAX");
            RuleDescription max = rules.get(0);
            assertThat(max.severity()).isEqualTo(Severity.BLOCKING);
            assertThat(max.message().en()).isEqualTo("Too much: {subsidy}.");
            assertThat(max.message().nl()).isEqualTo("Te veel: {subsidy}.");
            assertThat(max.source()).isEqualTo(new Source("Test document", "per proposal"));
            assertThat(max.uses()).containsExactly("subsidyMax");
            assertThat(engine.callLevelRules("997", null)).extracting(RuleDescription::id).containsExactly("997-ROUND-BUDGET", "997-ROUND-COUNT");

            List<Parameter> parameters = engine.parameters("997", "2020-01-01");
            assertThat(parameters).extracting(Parameter::name).containsExactly("subsidyMax", "budget", "roundCountMin");
            assertThat((BigDecimal) parameters.get(1).value()).isEqualByComparingTo("100");
            assertThat((BigDecimal) engine.parameters("997", null).get(1).value()).isEqualByComparingTo("150"); // the newest
            assertThat(parameters.get(1).source()).isEqualTo(new Source("Test document", "budget"));

            assertThat(engine.documents("997", "2020-01-01")).containsOnlyKeys("test");
            assertThat(engine.documents("997", "2020-01-01").get("test").citation()).isEqualTo(max.source().document());
            assertThatThrownBy(() -> engine.rules("997", "1999-01-01"))
                    .isInstanceOfSatisfying(UnknownCallException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.UNKNOWN_VERSION));
        }
    }

    static Proposal built(String amif) {
        return Proposal.builder()
                .submittedOn(LocalDate.of(2024, 3, 1))
                .title("Buddies")
                .applicant(Organisation.builder().name("Gemeente Gent").kind(OrganisationKind.MUNICIPALITY).nis("44021"))
                .financing(Financing.builder().totalCost("20000").amif(amif).vvsg("0").own("12000"))
                .build();
    }

    @Test
    void the_builders_of_the_nested_types_give_the_proposal_the_constructors_give() throws Exception {
        Proposal viaBuilders = built("8000");
        Proposal viaConstructors = LibraryTest.proposal("8000");
        ObjectMapper plain = new ObjectMapper();
        assertThat(plain.writeValueAsString(viaBuilders.getFinancing())).isEqualTo(plain.writeValueAsString(viaConstructors.getFinancing()));
        assertThat(plain.writeValueAsString(viaBuilders.getApplicant())).isEqualTo(plain.writeValueAsString(viaConstructors.getApplicant()));
        try (Engine engine = Engine.load(LibraryTest.FIXTURE)) {
            assertThat(engine.evaluate("900", viaBuilders).verdict()).isEqualTo(Outcome.ELIGIBLE);
        }
    }

    @Test
    void a_builder_amount_that_is_not_a_number_names_its_field() {
        assertThatThrownBy(() -> Financing.builder().amif("20.000,00"))
                .isInstanceOfSatisfying(InvalidProposalException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_amount");
                    assertThat(e.field()).isEqualTo("financing.amif");
                    assertThat(((CallcheckException) e).field()).isEqualTo("financing.amif");
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PROPOSAL);
                });
    }

    @Test
    void a_plain_object_mapper_writes_a_verdict_and_its_pack_versions() throws Exception {
        try (Engine engine = Engine.load(LibraryTest.FIXTURE)) {
            Verdict v = engine.evaluate("900", built("12000"));
            ObjectMapper plain = new ObjectMapper();
            JsonNode json = plain.readTree(plain.writeValueAsString(v));
            assertThat(json.get("verdict").asText()).isEqualTo("INELIGIBLE");
            assertThat(json.get("findings").get(0).get("rule").asText()).isEqualTo("900-SUBSIDY-MAX");
            assertThat(json.get("financing").get("maxSubsidy").decimalValue()).isEqualByComparingTo("10000");
            // a rule may report a date among its values: written as its ISO text, as the service writes it
            Finding dated = new Finding("X-DATE", Severity.INFO, new Finding.Messages("nl", "en"), null, null,
                    java.util.Map.of("submittedOn", LocalDate.of(2024, 3, 1)));
            Verdict withDate = new Verdict(v.decisionId(), v.call(), v.version(), v.digest(), v.verdict(), java.util.List.of(dated), v.passed(), null);
            assertThat(plain.readTree(plain.writeValueAsString(withDate)).at("/findings/0/values/submittedOn").asText()).isEqualTo("2024-03-01");
            JsonNode version = plain.readTree(plain.writeValueAsString(engine.versions("900").get(0)));
            assertThat(version.get("submissionsFrom").asText()).isEqualTo("2024-01-01");
        }
    }

    @Test
    void every_exception_of_the_api_is_a_callcheck_exception_with_its_code() {
        try (Engine engine = Engine.load(LibraryTest.FIXTURE)) {
            assertThatThrownBy(() -> engine.evaluate("404", built("8000")))
                    .isInstanceOfSatisfying(CallcheckException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.UNKNOWN_CALL);
                        assertThat(e.code()).isEqualTo("unknown_call");
                    });
            assertThatThrownBy(() -> engine.evaluate("900", "1999-01-01", built("8000")))
                    .isInstanceOfSatisfying(CallcheckException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.UNKNOWN_VERSION));
            engine.close();
            assertThatThrownBy(() -> engine.evaluate("900", built("8000")))
                    .isInstanceOfSatisfying(CallcheckException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.ENGINE_CLOSED));
        }
        assertThatThrownBy(() -> Engine.load(java.nio.file.Path.of("no/such/rules")))
                .isInstanceOfSatisfying(CallcheckException.class, e -> assertThat(e.code()).isEqualTo("pack"));
    }

    @Test
    void the_examples_of_a_folder_run_through_the_library_with_their_coverage() throws IOException {
        Path examples = dir.resolve("examples");
        Files.createDirectories(examples.resolve("900"));
        String proposal = """
                {"submittedOn": "2024-03-01", "title": "Buddies",
                 "applicant": {"name": "Gemeente Gent", "kind": "MUNICIPALITY", "nis": "44021"},
                 "financing": {"totalCost": 20000, "amif": %s, "vvsg": 0, "own": 12000}}""";
        Files.writeString(examples.resolve("900/ok.json"), proposal.formatted("8000"));
        Files.writeString(examples.resolve("900/ok.expected.json"), "{\"verdict\": \"ELIGIBLE\", \"findings\": []}");
        Files.writeString(examples.resolve("900/over.json"), proposal.formatted("12000"));
        Files.writeString(examples.resolve("900/over.expected.json"), "{\"verdict\": \"ELIGIBLE\", \"findings\": []}");
        try (Engine engine = Engine.load(LibraryTest.FIXTURE)) {
            Examples.Report report = Examples.run(engine, examples);
            assertThat(report.cases()).extracting(Examples.Case::name, Examples.Case::passed)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("ok", true), org.assertj.core.groups.Tuple.tuple("over", false));
            Examples.Case over = report.failed().get(0);
            assertThat(over.actual()).isEqualTo("INELIGIBLE");
            assertThat(over.version()).isEqualTo("2024-01-01");
            assertThat(over.difference()).isEqualTo("expected ELIGIBLE [], got INELIGIBLE [900-SUBSIDY-MAX]");
            RuleCoverage max = report.coverage().stream().filter(c -> c.rule().equals("900-SUBSIDY-MAX")).findFirst().orElseThrow();
            assertThat(max.found()).isEqualTo(1);
            assertThat(max.passed()).isEqualTo(1);
            assertThat(max.covered()).isTrue();
            assertThat(report.uncovered()).extracting(RuleCoverage::rule).contains("900-TITLE");
            assertThat(report.unreached()).isEmpty();
            assertThat(report.ok()).isFalse();
            assertThat(Examples.run(engine, examples, "901").cases()).isEmpty();
        }
    }

    @Test
    void the_compiled_pack_cache_is_written_when_awaited_even_after_close() throws Exception {
        // Two packs of different rules, so two entries: the second is still queued when the first is being written.
        Path rules = dir.resolve("cached-rules");
        try (Stream<Path> files = Files.walk(LibraryTest.FIXTURE)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path target = rules.resolve(LibraryTest.FIXTURE.relativize(f).toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target);
            }
        }
        Path copy = rules.resolve("901/2024-01-01");
        Files.createDirectories(copy);
        for (String file : List.of("pack.yaml", "rules.drl")) {
            Files.writeString(copy.resolve(file), Files.readString(rules.resolve("900/2024-01-01").resolve(file)).replace("900", "901"));
        }
        Path cache = dir.resolve("cache");
        Engine engine = Engine.load(rules, EngineOptions.builder().cacheDirectory(cache).build());
        engine.close(); // at once: the packs compiled are still queued for the cache
        assertThat(engine.awaitCache(java.time.Duration.ofMinutes(5))).isTrue();
        try (Stream<Path> entries = Files.list(cache)) {
            assertThat(entries.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".kjar"))).hasSize(2);
        }
        try (Engine again = Engine.load(rules, EngineOptions.builder().cacheDirectory(cache).build())) {
            assertThat(again.evaluate("901", built("8000")).verdict()).isEqualTo(Outcome.ELIGIBLE);
            assertThat(again.awaitCache(java.time.Duration.ofMinutes(1))).isTrue(); // nothing new to store
        }
    }
}
