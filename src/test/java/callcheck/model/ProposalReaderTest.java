package callcheck.model;

import callcheck.json.Json;

import callcheck.support.ProposalJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProposalReaderTest {

    private static ProposalJson base() {
        return ProposalJson.from("507/eligible-tielt-pittem.json");
    }

    private static void refused(String json, String code, String field) {
        assertThatThrownBy(() -> ProposalReader.read(json)).isInstanceOfSatisfying(InvalidProposalException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).doesNotContain("com.fasterxml").doesNotContain("callcheck.");
        });
    }

    @Test
    void reads_amounts_as_exact_decimals() {
        Proposal p = ProposalReader.read(base().set("financing.amif", new BigDecimal("19999.99")).text());
        assertThat(p.getFinancing().getAmif()).isEqualTo(new BigDecimal("19999.99"));
        assertThat(p.getFinancing().getTotalCost()).isEqualByComparingTo("80000");
    }

    @Test
    void refuses_an_unknown_field_by_its_path() {
        refused(base().set("financing.amiff", 1).text(), "unknown_field", "financing.amiff");
        refused(base().set("partners[0].experiense", "x").text(), "unknown_field", "partners[0].experiense");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "financing.totalCost|\"80000\"",
            "applicant.legalPersonality|\"yes\"",
            "applicant.name|12",
            "submittedOn|20201001",
            "coApplicants|{}",
            "trajectories[0].hoursPerParticipant|true",
    })
    void refuses_wrong_types_without_coercion(String field, String json) {
        refused(base().json(field, json).text(), "wrong_type", field);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"title", "partners[0].name", "applicant.name", "actions[0].title", "trajectories[0].justification"})
    void refuses_an_unpaired_surrogate_anywhere_as_text_that_is_not_unicode(String field) {
        // the JSON escape of a high surrogate alone, then of a low one alone: no character either way
        for (String escape : new String[]{"\\ud800", "x\\udc00y", "\\ude00\\ud83d"}) {
            String json = withText(field, escape);
            refused(json, "invalid_value", field);
            refused(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), "invalid_value", field);
        }
        // a surrogate pair is a character, and reads as one
        assertThat(ProposalReader.read(withText(field, "\\ud83d\\ude00")).getTitle()).isNotNull();
    }

    /** The base proposal with the string at {@code field} written as the JSON text given, escapes as they are. */
    private static String withText(String field, String jsonText) {
        String json = base().set(field, "MARKER").text();
        assertThat(json).contains("\"MARKER\"");
        return json.replace("\"MARKER\"", "\"" + jsonText + "\"");
    }

    private static void refused(byte[] json, String code, String field) {
        assertThatThrownBy(() -> ProposalReader.read(json)).isInstanceOfSatisfying(InvalidProposalException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.field()).isEqualTo(field);
        });
    }

    @Test
    void refuses_enum_values_outside_the_contract() {
        refused(base().set("applicant.kind", "CITY").text(), "invalid_value", "applicant.kind");
        refused(base().json("applicant.kind", "0").text(), "wrong_type", "applicant.kind");
        refused(base().set("partners[0].experience", java.util.List.of("COOKING")).text(), "invalid_value", "partners[0].experience[0]");
    }

    @ParameterizedTest
    @CsvSource({"2020-02-30", "2020-13-01", "01/10/2020", "2020-1-1"})
    void refuses_dates_that_do_not_exist(String date) {
        refused(base().set("submittedOn", date).text(), "invalid_value", "submittedOn");
    }

    @Test
    void refuses_amounts_with_more_than_two_decimals_negative_or_absurd() {
        refused(base().set("financing.amif", new BigDecimal("20000.001")).text(), "invalid_amount", "financing.amif");
        refused(base().set("financing.own", new BigDecimal("-1")).text(), "invalid_amount", "financing.own");
        refused(base().set("financing.totalCost", new BigDecimal("1000000000.01")).text(), "invalid_amount", "financing.totalCost");
        assertThat(ProposalReader.read(base().set("financing.amif", new BigDecimal("20000.10")).text()).getFinancing().getAmif())
                .isEqualTo(new BigDecimal("20000.10"));
    }

    @Test
    void refuses_a_missing_submission_date_and_a_period_that_ends_before_it_starts() {
        refused(base().remove("submittedOn").text(), "required", "submittedOn");
        refused(base().set("period.end", "2020-12-31").text(), "invalid_value", "period.end");
    }

    @Test
    void refuses_malformed_json_duplicate_keys_and_non_objects() {
        refused("{\"submittedOn\": \"2020-10-01\",", "malformed_json", "submittedOn"); // where the parser stood when the text broke off
        refused("{\"submittedOn\": \"2020-10-01\", \"submittedOn\": \"2020-10-02\"}", "malformed_json", "submittedOn");
        refused("[1,2]", "wrong_type", null);
        refused("{} {}", "malformed_json", null);
        refused(base().set("applicant.nis", "3701").text(), "invalid_value", "applicant.nis");
    }

    @Test
    void refuses_hostile_sizes() {
        String deep = "{\"title\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertThatThrownBy(() -> ProposalReader.read(deep)).isInstanceOf(InvalidProposalException.class);
        refused(base().set("title", "x".repeat(Json.MAX_STRING_LENGTH + 1)).text(), "too_large", "title");
        refused(base().json("financing.amif", "1" + "0".repeat(100)).text(), "too_large", "financing.amif");
    }
}
