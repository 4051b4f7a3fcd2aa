package callcheck.pack;

import callcheck.engine.Verdict;
import callcheck.evaluation.LoadReport;
import callcheck.evaluation.PackEngine;
import callcheck.model.ProposalReader;
import callcheck.support.RulesCopy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An incremental loader ({@code test --watch}) compiles only the rule file a save changed, in the package it shares
 * with the pack's other files, and gives what a fresh compile gives: the same rules deciding the same way, the same
 * errors at the same lines for a broken save, and the fixed save compiles again. On the library's test pack (900) with a
 * second rule file that uses an import only the first declares.
 */
class IncrementalBuildTest {
    private static final String PROPOSAL = """
            {"submittedOn": "2024-03-01", "title": "T", "financing": {"totalCost": 30000, "amif": 10000, "own": 20000}}""";

    @Test
    void aSavedRuleFileCompilesAloneAndDecidesAsAFreshCompile(@TempDir Path dir) throws IOException {
        RulesCopy.copyTree(Path.of("src/test/resources/library/rules"), dir);
        Path version = dir.resolve("900/2024-01-01");
        Files.writeString(version.resolve("more.drl"), """
                package callcheck.rules.c900;

                rule "900-NO-TOTAL"
                    @id("900-NO-TOTAL") @severity("MISSING")
                    @title("The total cost is given") @titleNl("Testregel 900-NO-TOTAL")
                    @nl("De totale kost ontbreekt.") @en("The total cost is missing.")
                    @document("test") @section("budget")
                when
                    $e : Evaluation()
                    Financing(totalCost == null)
                then
                    $e.report(drools);
                end
                """);
        PackLoader loader = new PackLoader().incremental();
        assertThat(LoadReport.load(dir, loader, "900").failures()).isEmpty();

        // At the maximum exactly: found only once the saved condition says so.
        edit(version.resolve("more.drl"), "totalCost == null", "totalCost == null || subsidy >= 10000");
        Verdict saved = decide(dir, loader);
        assertThat(loader.incrementalCompiles()).as("only the saved file compiled").isEqualTo(1);
        assertThat(saved.findings()).extracting(f -> f.rule()).contains("900-NO-TOTAL");
        assertThat(saved).usingRecursiveComparison().ignoringFields("decisionId").isEqualTo(decide(dir, new PackLoader()));

        edit(version.resolve("more.drl"), "$e.report(drools);", "$e.report(drools, $lest);");
        LoadReport broken = LoadReport.load(dir, loader, "900");
        assertThat(broken.failures()).isNotEmpty().isEqualTo(LoadReport.load(dir, new PackLoader(), "900").failures());

        edit(version.resolve("more.drl"), "$e.report(drools, $lest);", "$e.report(drools);");
        edit(version.resolve("more.drl"), "subsidy >= 10000", "subsidy > 10000");
        assertThat(decide(dir, loader).findings()).extracting(f -> f.rule()).doesNotContain("900-NO-TOTAL");
    }

    private static Verdict decide(Path rules, PackLoader loader) {
        LoadReport report = LoadReport.load(rules, loader, "900");
        assertThat(report.failures()).isEmpty();
        return new PackEngine(report.packs()).evaluate("900", null, ProposalReader.read(PROPOSAL));
    }

    private static void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
    }
}
