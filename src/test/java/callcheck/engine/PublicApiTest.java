package callcheck.engine;

import callcheck.model.Financing;
import callcheck.model.InvalidProposalException;
import callcheck.model.Organisation;
import callcheck.model.OrganisationKind;
import callcheck.model.Proposal;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The library's API beyond one verdict, as an embedder uses it, on the library test pack (call 900). */
class PublicApiTest {

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
}
