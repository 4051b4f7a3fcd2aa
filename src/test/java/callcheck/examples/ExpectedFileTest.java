package callcheck.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Expected files are written as analysts write them, so that an accepted change shows as a small diff. */
class ExpectedFileTest {

    @Test
    void written_as_the_analysts_write_them() throws Exception {
        String text = """
                {
                  "verdict": "ELIGIBLE",
                  "findings": [],
                  "about": "x"
                }
                """;
        assertThat(ExpectedFile.text(new ObjectMapper().readTree(text))).isEqualTo(text);
        String two = """
                {
                  "verdict": "INELIGIBLE",
                  "findings": [
                    "507-AMIF-SHARE",
                    "507-HOURS"
                  ],
                  "version": "2020-07-14"
                }
                """;
        assertThat(ExpectedFile.text(new ObjectMapper().readTree(two))).isEqualTo(two);
    }
}
