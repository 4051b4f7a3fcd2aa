package callcheck.cli;

import callcheck.pack.PackLoader;
import callcheck.support.Packs;
import callcheck.support.RulesCopy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ValidateCommandTest {
    private static final String TIMING = "507/2020-07-14/timing.drl";
    private static final String MANIFEST = "507/2020-07-14/pack.yaml";

    @TempDir
    Path tmp;

    @Test
    @DisplayName("the project's rules: one OK line per pack version, exit 0")
    void every_pack_of_the_project_validates() {
        CliRun run = CliRun.of("validate", "--rules", Packs.RULES.toString());
        assertThat(run.exit()).as(run.out()).isZero();
        List<String> folders = PackLoader.versionFolders(Packs.RULES).stream()
                .map(f -> f.getParent().getFileName() + "/" + f.getFileName()).toList();
        assertThat(run.outLines()).filteredOn(l -> !l.startsWith("WARN ")).hasSize(folders.size());
        for (String folder : folders) assertThat(run.outLines()).anySatisfy(l -> assertThat(l).startsWith("OK   " + folder + ": "));
    }

    @Test
    @DisplayName("a number a title writes instead of naming its parameter, a rule citing another document than its numbers: warnings, exit 0")
    void numbers_written_twice_are_warnings() {
        RulesCopy copy = RulesCopy.into(tmp, "507")
                .edit("507/2020-07-14/financing.drl", "@title(\"The subsidy asked is at most {subsidyMax} euro\")",
                        "@title(\"The subsidy asked is at most 40,000 euro\")")
                .edit(TIMING, "@title(\"Submitted on or before {deadline}\")\n", "@title(\"Submitted on or before 16 October 2020\")\n")
                .edit(TIMING, "@document(\"public-record\") @section(\"submission deadline\")", "@document(\"call-page\") @section(\"submission deadline\")");
        // This version alone: a version an analyst adds may have warnings of its own, shown at the files it inherits.
        onlyVersion(copy.root().resolve("507"), "2020-07-14");
        CliRun run = CliRun.of("validate", "--rules", copy.root().toString());
        assertThat(run.exit()).as(run.out()).isZero();
        String root = copy.root().toString();
        var documents = copy.load("507", "2020-07-14").manifest().documents();
        assertThat(run.outLines()).filteredOn(l -> l.startsWith("WARN " + root + "/507/2020-07-14/")).containsExactlyInAnyOrder(
                "WARN " + root + "/507/2020-07-14/financing.drl:13:42: rule \"507-SUBSIDY-MAX\" @title writes 40,000, the value of parameter"
                        + " subsidyMax: write {subsidyMax} so that the text follows the parameter",
                "WARN " + root + "/" + TIMING + ":11:36: rule \"507-DEADLINE\" @title writes 16 October 2020, the value of parameter"
                        + " deadline: write {deadline} so that the text follows the parameter",
                "WARN " + root + "/" + TIMING + ":15:5: rule \"507-DEADLINE\" cites \"" + documents.get("call-page").citation() + "\", but the parameters"
                        + " it @uses come from [" + documents.get("public-record").citation() + "]: is that the passage it checks?");
    }

    @Test
    @DisplayName("a missing ')': path as given, at the end of the line that lacks it, saying what is missing, exit 1")
    void syntax_error_is_printed_as_file_line_column() throws IOException {
        RulesCopy copy = RulesCopy.into(tmp, "507").edit(TIMING, "submittedOn.isAfter($deadline))", "submittedOn.isAfter($deadline)");
        Path timing = copy.root().resolve(TIMING);
        int line = lineOf(timing, "submittedOn.isAfter($deadline)");
        int end = Files.readAllLines(timing).get(line - 1).stripTrailing().length() + 1;
        CliRun run = CliRun.of("validate", "--rules", copy.root().toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.outLines()).contains("FAIL 507/2020-07-14: 1 error",
                copy.root() + "/" + TIMING + ":" + line + ":" + end + ": a ')' is missing at the end of this line in rule \"507-DEADLINE\":"
                        + " its conditions open 1 more '(' than they close before 'then' on line " + (line + 1));
    }

    @Test
    @DisplayName("a rule with its title in English only: refused at the rule's line, saying @titleNl is missing, exit 1")
    void rule_without_a_dutch_title_is_refused() throws IOException {
        RulesCopy copy = RulesCopy.into(tmp, new String[0]); // the reference data and labels, no call
        RulesCopy.copyTree(Path.of("src/test/resources/packs/titles/994"), copy.root().resolve("994"));
        Path drl = copy.root().resolve("994/2020-01-01/titles.drl");
        CliRun run = CliRun.of("validate", "--rules", copy.root().toString());
        assertThat(run.exit()).as(run.out()).isEqualTo(1);
        assertThat(run.outLines()).contains("FAIL 994/2020-01-01: 1 error")
                .anySatisfy(l -> assertThat(l).startsWith(drl + ":" + lineOf(drl, "rule \"994-ENGLISH-ONLY\"") + ":")
                        .endsWith("rule \"994-ENGLISH-ONLY\" lacks metadata [titleNl]"));
    }

    @Test
    @DisplayName("an unknown fact type: the line and the column of the type")
    void unknown_fact_type_is_printed_at_the_type() throws IOException {
        RulesCopy copy = RulesCopy.into(tmp).edit(TIMING, "    Proposal($d : submittedOn", "    Proposl($d : submittedOn");
        int line = lineOf(copy.root().resolve(TIMING), "Proposl(");
        CliRun run = CliRun.of("validate", "--rules", copy.root().toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.outLines()).contains(copy.root() + "/" + TIMING + ":" + line + ":5: `Proposl` is not a fact type the file imports:"
                + " did you mean `Proposal`?");
    }

    @Test
    @DisplayName("a misspelt variable on a pack of its own: plain words at file:line:col; --detail adds the compiler's words")
    void misspelt_variable_in_plain_words() throws IOException {
        Path rules = RulesCopy.into(tmp.resolve("rules"), new String[0]).root(); // the reference data only
        RulesCopy.copyTree(Path.of("src/test/resources/packs/impact/906/2024-01-01"), rules.resolve("906/2024-01-01"));
        Path drl = rules.resolve("906/2024-01-01/rules.drl");
        Files.writeString(drl, Files.readString(drl).replace("subsidy > $limit)", "subsidy > $limt)"));
        int line = lineOf(drl, "subsidy > $limt)");
        int column = Files.readAllLines(drl).get(line - 1).indexOf("$limt") + 1;
        CliRun run = CliRun.of("validate", "--rules", rules.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.outLines()).containsExactly("FAIL 906/2024-01-01: 1 error",
                rules + "/906/2024-01-01/rules.drl:" + line + ":" + column + ": `$limt` is not bound: did you mean `$limit`?");
        CliRun detailed = CliRun.of("validate", "--detail", "--rules", rules.toString());
        assertThat(detailed.outLines()).hasSize(3).last().asString().startsWith("     compiler: ").contains("strict-mode");
    }

    @Test
    @DisplayName("a bad manifest: the line of the entry in pack.yaml")
    void bad_manifest_is_printed_at_the_entry() throws IOException {
        RulesCopy copy = RulesCopy.into(tmp).edit(MANIFEST, "value: 2020-10-16", "value: 16/10/2020");
        int line = lineOf(copy.root().resolve(MANIFEST), "value: 16/10/2020");
        CliRun run = CliRun.of("validate", "--rules", copy.root().toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.outLines()).contains(copy.root() + "/" + MANIFEST + ":" + line + ":5: parameter deadline: '16/10/2020' is not a date");
    }

    @Test
    @DisplayName("reference data that cannot be read, or no rules folder: said, exit 1")
    void unreadable_reference_data_or_folder() throws IOException {
        RulesCopy copy = RulesCopy.into(tmp);
        Files.writeString(copy.root().resolve("reference/regions.csv"), "\nnot;enough;columns;here\n", java.nio.file.StandardOpenOption.APPEND);
        CliRun run = CliRun.of("validate", "--rules", copy.root().toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("regions.csv").contains("columns");

        CliRun none = CliRun.of("validate", "--rules", tmp.resolve("nothing").toString());
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.out()).contains("not a folder");
    }

    static int lineOf(Path file, String text) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains(text)) return i + 1;
        throw new AssertionError(text + " not in " + file);
    }

    /** Deletes the call's other version folders. */
    private static void onlyVersion(java.nio.file.Path call, String version) {
        try (var versions = java.nio.file.Files.list(call)) {
            for (java.nio.file.Path v : versions.filter(java.nio.file.Files::isDirectory).filter(v -> !v.getFileName().toString().equals(version)).toList()) {
                try (var files = java.nio.file.Files.walk(v)) {
                    for (java.nio.file.Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) java.nio.file.Files.delete(f);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
