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
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/** A broken pack's errors name the file, line and column (from 1) an analyst must edit. */
class DiagnosticsTest {
    private static final String PACK = "507/2020-07-14";
    private static final String TIMING = PACK + "/timing.drl";
    private static final String FINANCING = PACK + "/financing.drl";
    private static final String MANIFEST = PACK + "/pack.yaml";

    @TempDir
    Path tmp;

    @Test
    @DisplayName("a missing ')': the parser stops at the 'then' below; the error says what is missing, at the end of its line")
    void syntax_error() {
        RulesCopy copy = RulesCopy.into(tmp, "507").edit(TIMING, "submittedOn.isAfter($deadline))", "submittedOn.isAfter($deadline)");
        List<CompileError> errors = errors(copy);
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo(TIMING);
            assertThat(e.line()).isEqualTo(line(copy, TIMING, "submittedOn.isAfter($deadline)"));
            assertThat(e.column()).isEqualTo("    Proposal($d : submittedOn, submittedOn.isAfter($deadline)".length() + 1);
            assertThat(e.message()).startsWith("a ')' is missing at the end of this line in rule \"507-DEADLINE\"");
        });
    }

    @Test
    @DisplayName("a syntax error that is not a missing ')': \"near line N\", at the place the parser stopped")
    void other_syntax_error_says_near_which_line() {
        RulesCopy copy = RulesCopy.into(tmp, "507").edit(TIMING, "    Proposal($d : submittedOn, submittedOn.isAfter($deadline))",
                "    Proposal($d : submittedOn, submittedOn.isAfter($deadline)) then then");
        assertThat(errors(copy)).first().satisfies(e -> {
            assertThat(e.file()).isEqualTo(TIMING);
            // "then then" parses as the rule's consequence; the parser stops at the next 'then', a line below.
            assertThat(e.line()).isEqualTo(line(copy, TIMING, "then then") + 1);
            assertThat(e.column()).isPositive();
            assertThat(e.message()).startsWith("syntax error near line " + e.line() + " in rule \"507-DEADLINE\": 'then' was not expected here");
        });
    }

    @Test
    @DisplayName("a misspelt field: one error, at the name, listing the fields of that fact type")
    void unknown_field_lists_the_fields() {
        RulesCopy copy = RulesCopy.into(tmp, "507").edit(FINANCING, "Financing($subsidy : subsidy != null, subsidy > $limit)",
                "Financing($subsidy : subsidie != null, subsidy > $limit)");
        assertThat(errors(copy)).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo(FINANCING);
            assertThat(e.line()).isEqualTo(line(copy, FINANCING, "subsidie != null"));
            assertThat(e.column()).isEqualTo("    Financing($subsidy : ".length() + 1);
            assertThat(e.message()).isEqualTo("Financing has no field 'subsidie'; its fields: amif, annexIV, own, subsidy, totalCost, vvsg");
        });
    }

    @Test
    @DisplayName("an unknown fact type: the line and the column of the type's name")
    void unknown_fact_type() {
        RulesCopy copy = RulesCopy.into(tmp).edit(TIMING, "    Proposal($d : submittedOn", "    Proposl($d : submittedOn");
        assertThat(errors(copy)).first().satisfies(e -> {
            assertThat(e.file()).isEqualTo(TIMING);
            assertThat(e.line()).isEqualTo(line(copy, TIMING, "Proposl("));
            assertThat(e.column()).isEqualTo(5);
            assertThat(e.message()).contains("Proposl");
        });
    }

    @Test
    @DisplayName("insertLogical, which needs the truth maintenance the engine runs without: refused at its line, saying why")
    void insert_logical_is_refused() {
        RulesCopy copy = RulesCopy.into(tmp).edit(TIMING,
                "    $e.report(drools, \"submittedOn\", $d, \"deadline\", $deadline);",
                "    insertLogical(new java.util.ArrayList());");
        int line = line(copy, TIMING, "insertLogical(");
        assertThat(errors(copy)).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo(TIMING);
            assertThat(e.line()).isEqualTo(line);
            assertThat(e.column()).isEqualTo(5);
            assertThat(e.message()).startsWith("insertLogical is not supported").doesNotContain("classpath");
        });
    }

    @Test
    @DisplayName("an import of a class that does not exist: once, at the import, not once per rule")
    void bad_import() {
        RulesCopy copy = RulesCopy.into(tmp).edit(TIMING, "import callcheck.model.Period;", "import callcheck.model.Perio;");
        assertThat(errors(copy)).contains(new CompileError(TIMING, line(copy, TIMING, "import callcheck.model.Perio;"), 1,
                "import callcheck.model.Perio: there is no such class"));
        assertThat(errors(copy)).extracting(CompileError::message).noneMatch(m -> m.contains("Only a type can be imported"));
    }

    @Test
    @DisplayName("two rules with one name (an id primary twice): both places named, and why it matters")
    void duplicate_rule_name() {
        RulesCopy copy = RulesCopy.into(tmp).edit(FINANCING, "rule \"507-AMIF-SHARE\"", "rule \"507-SUBSIDY-MAX\"");
        int first = line(copy, FINANCING, "rule \"507-SUBSIDY-MAX\"");
        int second = lineAfter(copy, FINANCING, "rule \"507-SUBSIDY-MAX\"", first);
        assertThat(errors(copy)).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo(FINANCING);
            assertThat(List.of(first, second)).contains(e.line());
            int other = e.line() == first ? second : first;
            assertThat(e.message()).startsWith("two rules are named \"507-SUBSIDY-MAX\" (also " + FINANCING + ":" + other + ")")
                    .contains("unique");
        });
    }

    @Test
    @DisplayName("a parameter date that is no date: the line of its value in pack.yaml")
    void bad_parameter_date() {
        RulesCopy copy = RulesCopy.into(tmp).edit(MANIFEST, "value: 2020-10-16", "value: 2020-10-36");
        assertThat(errors(copy)).containsExactly(new CompileError(MANIFEST, line(copy, MANIFEST, "value: 2020-10-36"), 5,
                "parameter deadline: '2020-10-36' is not a date"));
    }

    @Test
    @DisplayName("a parameter citing a document the manifest does not list: the line of its source, and no second error")
    void parameter_cites_unlisted_document() {
        RulesCopy copy = RulesCopy.into(tmp).edit(MANIFEST, "    source: {document: public-record, section: submission deadline",
                "    source: {document: minutes, section: submission deadline");
        assertThat(errors(copy)).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo(MANIFEST);
            assertThat(e.line()).isEqualTo(line(copy, MANIFEST, "{document: minutes"));
            assertThat(e.column()).isEqualTo(5);
            assertThat(e.message()).startsWith("parameter deadline cites document 'minutes'");
        });
    }

    @Test
    @DisplayName("a rule citing a document the manifest does not list, or using an unknown parameter: the rule's line")
    void rule_cites_unlisted_document_or_unknown_parameter() {
        RulesCopy copy = RulesCopy.into(tmp)
                .edit(TIMING, "@document(\"public-record\") @section(\"submission deadline\")", "@document(\"minutes\") @section(\"submission deadline\")")
                .edit(TIMING, "@uses(\"periodStart periodEnd\")", "@uses(\"periodBegin periodEnd\")");
        assertThat(errors(copy)).extracting(CompileError::file, CompileError::line).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(TIMING, line(copy, TIMING, "rule \"507-DEADLINE\"")),
                org.assertj.core.groups.Tuple.tuple(TIMING, line(copy, TIMING, "rule \"507-PERIOD\"")));
        assertThat(errors(copy)).extracting(CompileError::message)
                .anySatisfy(m -> assertThat(m).contains("'minutes'"))
                .anySatisfy(m -> assertThat(m).contains("'periodBegin'"));
    }

    @Test
    @DisplayName("a rule reading a parameter the manifest does not define: the line and column of the name")
    void rule_reads_missing_parameter() {
        RulesCopy copy = RulesCopy.into(tmp).edit(FINANCING, "Parameters($limit : amount(\"subsidyMax\"))", "Parameters($limit : amount(\"subsidyMaks\"))");
        String text = read(copy, FINANCING);
        int line = line(copy, FINANCING, "amount(\"subsidyMaks\")");
        assertThat(errors(copy)).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo(FINANCING);
            assertThat(e.line()).isEqualTo(line);
            assertThat(e.column()).isEqualTo(text.split("\n")[line - 1].indexOf("subsidyMaks") + 1);
            assertThat(e.message()).startsWith("rule \"507-SUBSIDY-MAX\" reads parameter 'subsidyMaks', which the manifest does not define");
        });
    }

    @Test
    @DisplayName("a rule reading a parameter it does not list in @uses: refused, so no assumption goes unsaid")
    void rule_reads_parameter_not_in_uses() {
        RulesCopy copy = RulesCopy.into(tmp).edit(FINANCING, "    @uses(\"subsidyMax\")\n", "");
        assertThat(errors(copy)).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(line(copy, FINANCING, "amount(\"subsidyMax\")"));
            assertThat(e.message()).contains("'subsidyMax'").contains("@uses");
        });
    }

    @Test
    @DisplayName("YAML syntax: the line where the parser stopped")
    void yaml_syntax_error() {
        RulesCopy copy = RulesCopy.into(tmp).edit(MANIFEST, "    value: 40000\n", "   value: 40000\n");
        assertThat(errors(copy)).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo(MANIFEST);
            assertThat(e.line()).isEqualTo(line(copy, MANIFEST, "   value: 40000"));
            assertThat(e.message()).doesNotContain("'reader'");
        });
    }

    @Test
    @DisplayName("a required manifest field left out is named")
    void missing_required_field() {
        RulesCopy copy = RulesCopy.into(tmp).edit(MANIFEST, "title: Proeftuinen", "titel: Proeftuinen");
        assertThat(errors(copy)).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo(MANIFEST);
            assertThat(e.message()).isEqualTo("'title' is required but missing");
        });
    }

    @Test
    void an_error_prints_as_file_line_column_and_leaves_out_what_is_unknown() {
        assertThat(new CompileError("507/x/a.drl", 19, 5, "m")).hasToString("507/x/a.drl:19:5: m");
        assertThat(new CompileError("507/x/a.drl", 19, 0, "m")).hasToString("507/x/a.drl:19: m");
        assertThat(new CompileError("507/x/pack.yaml", 0, 0, "m")).hasToString("507/x/pack.yaml: m");
        assertThat(new CompileError("507/x/a.drl", 19, 5, "m").under(Path.of("rules"))).hasToString("rules/507/x/a.drl:19:5: m");
    }

    private static List<CompileError> errors(RulesCopy copy) {
        try {
            copy.load("507", "2020-07-14");
        } catch (PackException e) {
            return e.errors();
        }
        return fail("the pack loaded");
    }

    /** The 1-based line of the first line containing the text. */
    static int line(RulesCopy copy, String file, String text) {
        return lineAfter(copy, file, text, 0);
    }

    private static int lineAfter(RulesCopy copy, String file, String text, int after) {
        String[] lines = read(copy, file).split("\n", -1);
        for (int i = after; i < lines.length; i++) if (lines[i].contains(text)) return i + 1;
        throw new AssertionError(text + " not in " + file);
    }

    private static String read(RulesCopy copy, String file) {
        try {
            return Files.readString(copy.root().resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
