package callcheck.internal.pack;

import callcheck.support.Packs;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documents the packs cite are named as a reader of a verdict finds them: a title and who issued it, not the
 * name of a file of ours ("seed 000"). Walks whatever packs there are.
 */
class DocumentsTest {
    private static final Pattern SEED = Pattern.compile("(?i)\\bseeds?\\b");

    @TestFactory
    Stream<DynamicTest> every_document_has_a_title_and_an_issuer_and_no_seed_name() {
        return Packs.engine().packs().all().stream().flatMap(pack -> pack.manifest().documents().entrySet().stream()
                .map(d -> DynamicTest.dynamicTest(pack.call() + "/" + pack.version() + " " + d.getKey(), () -> {
                    assertThat(d.getValue().title()).isNotBlank().doesNotContainPattern(SEED);
                    assertThat(d.getValue().issuer()).as("who issued %s", d.getKey()).isNotBlank();
                    if (d.getValue().reference() != null) assertThat(d.getValue().reference()).doesNotContainPattern(SEED);
                    if (d.getValue().address() != null) assertThat(d.getValue().address()).startsWith("https://");
                })));
    }
}
