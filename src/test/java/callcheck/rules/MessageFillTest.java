package callcheck.rules;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A rule's message with its {placeholders} filled from the values the rule reports, as every finding shows it. */
class MessageFillTest {

    private static Map<String, Object> values(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    @Test
    void each_placeholder_takes_its_value_wherever_it_stands() {
        assertThat(Evaluation.fill("{subsidy} euro is above {limit} euro, {subsidy}", values("subsidy", 40000.01, "limit", 40000)))
                .isEqualTo("40000.01 euro is above 40000 euro, 40000.01");
    }

    @Test
    void a_value_reported_as_null_shows_as_a_question_mark() {
        assertThat(Evaluation.fill("name {name}.", values("name", null))).isEqualTo("name ?.");
    }

    @Test
    void a_placeholder_without_a_value_and_braces_that_are_no_placeholder_stay_as_written() {
        assertThat(Evaluation.fill("{missing} {} {a b} {{x} {x", values("x", 1))).isEqualTo("{missing} {} {a b} {1 {x");
    }

    @Test
    void a_message_without_placeholders_is_returned_whole() {
        String m = "No trajectory.";
        assertThat(Evaluation.fill(m, values())).isSameAs(m);
    }
}
