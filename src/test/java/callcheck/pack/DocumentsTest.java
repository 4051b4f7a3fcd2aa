package callcheck.pack;

import callcheck.engine.CompileError;
import callcheck.support.RulesCopy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A document is cited as a reader of a verdict finds it: findings carry its title, issuer, date and address, and
 * {@code validate} warns about a document without issuer or named after a seed file of ours.
 */
class DocumentsTest {

    @TempDir
    Path tmp;

    @Test
    void findings_cite_title_issuer_and_date_and_validate_warns_about_a_document_a_reader_cannot_find() {
        RulesCopy copy = RulesCopy.into(tmp, "507");
        RulePack pack = copy.load("507", "2020-07-14");
        var doc = pack.manifest().documents().get("info-session");
        assertThat(doc.citation()).isEqualTo(doc.title() + " (" + doc.issuer() + ", " + doc.date() + ")");
        assertThat(pack.rule("507-AMIF-SHARE").source().document()).isEqualTo(doc.citation());
        assertThat(PackWarnings.of(copy.root(), pack)).extracting(CompileError::message).noneMatch(m -> m.startsWith("document "));

        copy.edit("507/2020-07-14/pack.yaml", "    issuer: VLEVA\n", "")
                .edit("507/2020-07-14/pack.yaml", "  info-session:\n    title: \"", "  info-session:\n    title: \"seed 000: ");
        RulePack edited = copy.load("507", "2020-07-14");
        assertThat(PackWarnings.of(copy.root(), edited)).extracting(e -> e.line() + " " + e.message())
                .anySatisfy(m -> assertThat(m).matches("\\d+ document call-page has no issuer: .*"))
                .anySatisfy(m -> assertThat(m).matches("\\d+ document info-session is named after a seed file: .*"));
    }
}
