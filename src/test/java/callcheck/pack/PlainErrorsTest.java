package callcheck.pack;

import callcheck.engine.CompileError;
import callcheck.engine.PackException;
import callcheck.support.RulesCopy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The errors an analyst new to DRL makes first say what is wrong in plain words, at the line to edit, instead of
 * Drools' or SnakeYAML's own text (kept in {@link CompileError#detail()}). On a pack of its own (call 907, written here).
 */
class PlainErrorsTest {
    private static final String RULES = "907/2024-01-01/rules.drl";
    private static final String MANIFEST = "907/2024-01-01/pack.yaml";
    private static final String PACK_YAML = """
            call: "907"
            title: A test call for plain errors
            programme: tests only
            version: "2024-01-01"
            submissions:
              from: 2024-01-01
            documents:
              test:
                title: Test regulation
            parameters:
              least:
                type: amount
                value: 1000
                description: the lowest subsidy one project can ask
                descriptionNl: de kleinste subsidie die één project mag vragen
                source: {document: test, section: budget}
            """;
    private static final String DRL = """
            package callcheck.rules.c907;

            import callcheck.model.Financing;
            import callcheck.model.Organisation;
            import callcheck.model.OrganisationKind;
            import callcheck.rules.Evaluation;
            import callcheck.rules.Parameters;

            rule "907-SUBSIDY-MIN"
                @id("907-SUBSIDY-MIN") @severity("BLOCKING")
                @title("The subsidy asked is at least the minimum") @titleNl("De gevraagde subsidie is minstens het minimum")
                @nl("De gevraagde subsidie van {subsidy} euro is lager dan het minimum van {least} euro.")
                @en("The subsidy asked of {subsidy} euro is below the minimum of {least} euro.")
                @document("test") @section("budget")
                @uses("least")
            when
                $e : Evaluation()
                Parameters($least : amount("least"))
                Financing($subsidy : subsidy != null, subsidy < $least)
            then
                $e.report(drools, "subsidy", $subsidy, "least", $least);
            end

            rule "907-NON-PROFIT"
                @id("907-NON-PROFIT") @severity("BLOCKING")
                @title("The applicant is a non-profit") @titleNl("De aanvrager is een vzw")
                @nl("De aanvrager is geen vzw.")
                @en("The applicant is no non-profit.")
                @document("test") @section("applicants")
            when
                $e : Evaluation()
                Organisation(kind != OrganisationKind.NON_PROFIT)
            then
                $e.report(drools);
            end
            """;

    @TempDir
    Path tmp;

    @Test
    @DisplayName("the test pack compiles as written (so each error below is the edit's)")
    void the_pack_compiles() {
        write(DRL, PACK_YAML);
        new PackLoader().load(tmp, tmp.resolve("907/2024-01-01"));
    }

    @Test
    @DisplayName("a misspelt variable: '$lest is not bound: did you mean $least?', at its line and column")
    void misspelt_variable() {
        String drl = DRL.replace("subsidy < $least)", "subsidy < $lest)");
        CompileError e = single(drl, PACK_YAML);
        assertThat(e.message()).isEqualTo("`$lest` is not bound: did you mean `$least`?");
        assertAt(e, RULES, drl, "subsidy < $lest)", "$lest");
        assertThat(e.detail()).contains("$lest");
    }

    @Test
    @DisplayName("a misspelt variable in the consequence: the same words, at the line of the consequence")
    void misspelt_variable_in_consequence() {
        String drl = DRL.replace("\"least\", $least);", "\"least\", $lest);");
        CompileError e = single(drl, PACK_YAML);
        assertThat(e.message()).isEqualTo("`$lest` is not bound: did you mean `$least`?");
        assertAt(e, RULES, drl, "\"least\", $lest);", "$lest");
    }

    @Test
    @DisplayName("a type used but not imported: 'OrganisationKind is not imported', at its use")
    void missing_import() {
        String drl = DRL.replace("import callcheck.model.OrganisationKind;\n", "");
        CompileError e = single(drl, PACK_YAML);
        assertThat(e.message()).startsWith("OrganisationKind is not imported: add `import callcheck.model.OrganisationKind;`");
        assertAt(e, RULES, drl, "kind != OrganisationKind.NON_PROFIT", "OrganisationKind");
        assertThat(e.detail()).isNotBlank();
    }

    @Test
    @DisplayName("an unclosed quote: the line of the quote, not past the end of the file")
    void unclosed_quote() {
        String drl = DRL.replace("@section(\"applicants\")", "@section(\"applicants)");
        CompileError e = single(drl, PACK_YAML);
        assertThat(e.message()).startsWith("a '\"' is not closed on this line");
        assertAt(e, RULES, drl, "@section(\"applicants)", "\"applicants)");
    }

    @Test
    @DisplayName("a rule without its end: 'rule X has no `end`', at the rule")
    void missing_end() {
        String drl = DRL.replace("    $e.report(drools);\nend\n", "    $e.report(drools);\n");
        CompileError e = single(drl, PACK_YAML);
        assertThat(e.message()).isEqualTo("rule \"907-NON-PROFIT\" has no `end`: write `end` on the line after its consequence");
        assertAt(e, RULES, drl, "rule \"907-NON-PROFIT\"", "rule");
    }

    @Test
    @DisplayName("a rule without its end followed by another rule: blamed on the rule missing it")
    void missing_end_before_another_rule() {
        String drl = DRL.replace("    $e.report(drools, \"subsidy\", $subsidy, \"least\", $least);\nend\n",
                "    $e.report(drools, \"subsidy\", $subsidy, \"least\", $least);\n");
        CompileError e = single(drl, PACK_YAML);
        assertThat(e.message()).isEqualTo("rule \"907-SUBSIDY-MIN\" has no `end`: write `end` on the line after its consequence");
        assertAt(e, RULES, drl, "rule \"907-SUBSIDY-MIN\"", "rule");
    }

    @Test
    @DisplayName("bad indentation in pack.yaml: file, line and plain words, not SnakeYAML's text")
    void yaml_indentation() {
        String yaml = PACK_YAML.replace("    value: 1000\n", "   value: 1000\n");
        CompileError e = single(DRL, yaml);
        assertThat(e.file()).isEqualTo(MANIFEST);
        assertThat(e.line()).isEqualTo(line(yaml, "   value: 1000"));
        assertThat(e.message()).isEqualTo("this line is indented differently from the lines above it of the same entry:"
                + " indent it like the entry it belongs to (with spaces, not tabs)");
        assertThat(e.detail()).isNotBlank();
    }

    @Test
    @DisplayName("a tab in pack.yaml: named as a tab, at its line")
    void yaml_tab() {
        String yaml = PACK_YAML.replace("    value: 1000\n", "\tvalue: 1000\n");
        CompileError e = single(DRL, yaml);
        assertThat(e.file()).isEqualTo(MANIFEST);
        assertThat(e.line()).isEqualTo(line(yaml, "\tvalue: 1000"));
        assertThat(e.message()).startsWith("a tab indents this line: YAML indents with spaces only");
    }

    private CompileError single(String drl, String yaml) {
        write(drl, yaml);
        try {
            new PackLoader().load(tmp, tmp.resolve("907/2024-01-01"));
        } catch (PackException e) {
            assertThat(e.errors()).as("errors").hasSize(1);
            return e.errors().get(0);
        }
        return fail("the pack loaded");
    }

    private static void assertAt(CompileError e, String file, String text, String lineText, String word) {
        assertThat(e.file()).isEqualTo(file);
        int line = line(text, lineText);
        assertThat(e.line()).as("line of " + e).isEqualTo(line);
        assertThat(e.column()).as("column of " + e).isEqualTo(text.split("\n", -1)[line - 1].indexOf(word) + 1);
    }

    private static int line(String text, String part) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) if (lines[i].contains(part)) return i + 1;
        throw new AssertionError(part + " not in the text");
    }

    private void write(String drl, String yaml) {
        try {
            Path folder = Files.createDirectories(tmp.resolve("907/2024-01-01"));
            Files.writeString(folder.resolve("rules.drl"), drl);
            Files.writeString(folder.resolve("pack.yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
