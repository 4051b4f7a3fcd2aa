package callcheck.pack;

import callcheck.engine.CompileError;
import callcheck.engine.PackException;
import callcheck.evaluation.LoadReport;
import callcheck.support.HangingPack;
import callcheck.support.RulesCopy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A symbolic link that leads out of the rules folder is refused at load, at its path, and what it points at is never read. */
class SymlinkTest {
    private static final String SECRET = "TOPSECRET-of-the-host";

    @TempDir
    Path tmp;

    private Path rules() {
        Path rules = RulesCopy.into(tmp.resolve("rules"), new String[0]).root();
        HangingPack.copyInto(rules);
        return rules;
    }

    private Path secret() throws IOException {
        return Files.writeString(Files.createDirectories(tmp.resolve("host")).resolve("passwd"), SECRET + " rest of the file\n");
    }

    @Test
    void aDrlLinkedOutOfTheRulesFolderIsRefusedAtItsPathWithoutReadingIt() throws IOException {
        Path rules = rules();
        Files.createSymbolicLink(rules.resolve("997/2020-01-01/more.drl"), secret());
        assertThatThrownBy(() -> new PackLoader().load(rules, rules.resolve("997/2020-01-01")))
                .isInstanceOfSatisfying(PackException.class, e -> {
                    assertThat(e.errors()).singleElement().satisfies(err -> {
                        assertThat(err.file()).isEqualTo("997/2020-01-01/more.drl");
                        assertThat(err.line()).isEqualTo(1);
                        assertThat(err.message()).contains("symbolic link").doesNotContain(SECRET);
                    });
                });
    }

    @Test
    void aManifestOrAModuleLinkedOutIsRefusedAndNothingOfItReachesTheLoadReport() throws IOException {
        Path rules = rules();
        Path manifest = rules.resolve("997/2020-01-01/pack.yaml");
        Files.delete(manifest);
        Files.createSymbolicLink(manifest, secret());
        Files.createDirectories(rules.resolve("programmes"));
        Files.createSymbolicLink(rules.resolve("programmes/shared"), secret().getParent());

        LoadReport report = LoadReport.load(rules, new PackLoader());
        assertThat(report.failures()).containsOnlyKeys("997/2020-01-01");
        assertThat(report.failures().get("997/2020-01-01")).extracting(CompileError::file)
                .containsExactlyInAnyOrder("997/2020-01-01/pack.yaml", "programmes/shared");
        assertThat(report.failures().toString()).doesNotContain(SECRET);
    }

    @Test
    void aLinkInsideTheRulesFolderIsRead() throws IOException {
        Path rules = rules();
        Files.createSymbolicLink(rules.resolve("997/2020-01-01/NOTES.txt"), rules.resolve("reference").resolve(
                Files.list(rules.resolve("reference")).filter(Files::isRegularFile).findFirst().orElseThrow().getFileName()));
        assertThat(new PackLoader().load(rules, rules.resolve("997/2020-01-01")).call()).isEqualTo("997");
    }
}
