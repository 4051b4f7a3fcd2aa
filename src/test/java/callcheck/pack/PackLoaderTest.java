package callcheck.pack;

import callcheck.evaluation.PackEngine;

import callcheck.engine.CompileError;
import callcheck.engine.PackException;

import callcheck.engine.Verdict;
import callcheck.examples.Example;
import callcheck.model.Proposal;
import callcheck.model.ProposalReader;
import callcheck.reference.ReferenceData;
import callcheck.support.Packs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PackLoaderTest {

    static List<Path> packFolders() {
        return PackLoader.versionFolders(Packs.RULES);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packFolders")
    void every_pack_also_builds_with_the_executable_model(Path folder) {
        // Keeps the rules in the subset both Drools compilers accept.
        RulePack pack = new PackLoader(new PackOptions(true, true, true, false)).load(Packs.RULES, folder);
        RulePack drl = new PackLoader(new PackOptions(false, true, true, false)).load(Packs.RULES, folder);
        assertThat(pack.ruleIds()).isEqualTo(drl.ruleIds()).isNotEmpty();
        assertThat(pack.rules()).extracting(RuleInfo::file).doesNotContain("?");
        // And it decides the same: every example of the call gives the same findings under both compilers.
        ReferenceData reference = PackLoader.reference(Packs.RULES);
        for (Example example : Example.all(Packs.EXAMPLES)) {
            if (!example.call().equals(pack.call())) continue;
            Proposal proposal = ProposalReader.read(example.proposal());
            if (!drl.manifest().submissions().contains(proposal.getSubmittedOn())) continue;
            Verdict a = PackEngine.evaluate(pack, reference, proposal);
            Verdict b = PackEngine.evaluate(drl, reference, proposal);
            assertThat(a.findings()).as(example.name()).isEqualTo(b.findings());
            assertThat(a.financing()).as(example.name()).isEqualTo(b.financing());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packFolders")
    void every_rule_carries_its_metadata_and_cites_a_listed_document(Path folder) {
        RulePack pack = new PackLoader().load(Packs.RULES, folder);
        assertThat(pack.rules()).allSatisfy(r -> {
            assertThat(r.id()).as(r.name()).matches("[A-Z0-9]+(-[A-Z0-9]+)+");
            assertThat(r.nl()).isNotBlank();
            assertThat(r.en()).isNotBlank();
            assertThat(r.source().document()).isNotBlank();
            assertThat(r.source().section()).isNotBlank();
        });
    }

    @Test
    void the_507_pack_reads_its_parameters_from_the_manifest() {
        RulePack pack = new PackLoader().load(Packs.RULES, Packs.RULES.resolve("507/2020-07-14"));
        assertThat(pack.parameters().amount("subsidyMax")).isEqualByComparingTo("40000");
        assertThat(pack.parameters().fraction("ownShareMin")).isEqualByComparingTo("0.5");
        assertThat(pack.parameters().date("deadline")).hasToString("2020-10-16");
        assertThat(pack.parameters().get("subsidyMax").source().document()).contains("VLEVA");
        assertThat(pack.rule("507-SMALL-ALONE").assumption()).contains("centrumsteden");
        assertThat(pack.rule("507-SUBSIDY-MAX").assumption()).isNull();
        assertThat(pack.digest()).startsWith("sha256:").hasSize(7 + 64);
    }

    @Test
    void the_digest_changes_with_any_file_of_the_pack(@TempDir Path tmp) throws IOException {
        Path rules = copyRules(tmp);
        Path folder = rules.resolve("507/2020-07-14");
        String before = new PackLoader().load(rules, folder).digest();
        assertThat(new PackLoader().load(rules, folder).digest()).isEqualTo(before);
        Files.writeString(folder.resolve("timing.drl"), "\n// a comment\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(new PackLoader().load(rules, folder).digest()).isNotEqualTo(before);
    }

    @Test
    void a_syntax_error_is_reported_with_its_file_and_line(@TempDir Path tmp) throws IOException {
        Path rules = copyRules(tmp);
        Path drl = rules.resolve("507/2020-07-14/timing.drl");
        List<String> lines = Files.readAllLines(drl);
        int line = lines.indexOf("    Proposal($d : submittedOn, submittedOn.isAfter($deadline))");
        assertThat(line).isPositive();
        lines.set(line, "    Proposal($d : submittedOn, submittedOn.isAfter($deadline)"); // one ')' short
        Files.write(drl, lines);
        assertThatThrownBy(() -> new PackLoader().load(rules, rules.resolve("507/2020-07-14")))
                .isInstanceOfSatisfying(PackException.class, e -> assertThat(e.errors()).anySatisfy(err -> {
                    assertThat(err.file()).isEqualTo("507/2020-07-14/timing.drl");
                    assertThat(err.line()).isBetween(line + 1, line + 3);
                }));
    }

    @Test
    void a_rule_without_its_messages_does_not_load(@TempDir Path tmp) throws IOException {
        Path rules = copyRules(tmp);
        Path drl = rules.resolve("507/2020-07-14/timing.drl");
        String text = Files.readString(drl).replace("    @nl(\"Ingediend op {submittedOn}, na de uiterste indiendatum {deadline}.\")\n", "");
        Files.writeString(drl, text);
        assertThatThrownBy(() -> new PackLoader().load(rules, rules.resolve("507/2020-07-14")))
                .isInstanceOfSatisfying(PackException.class, e -> assertThat(e.errors()).singleElement().satisfies(err -> {
                    assertThat(err.file()).isEqualTo("507/2020-07-14/timing.drl");
                    assertThat(err.line()).isEqualTo(lineOf(text, "rule \"507-DEADLINE\""));
                    assertThat(err.message()).contains("507-DEADLINE").contains("nl");
                }));
    }

    @Test
    void a_rule_citing_an_unlisted_document_or_parameter_does_not_load(@TempDir Path tmp) throws IOException {
        Path rules = copyRules(tmp);
        Path drl = rules.resolve("507/2020-07-14/timing.drl");
        Files.writeString(drl, Files.readString(drl).replace("@document(\"public-record\") @section(\"submission deadline\")",
                "@document(\"minutes\") @section(\"submission deadline\")").replace("@uses(\"periodStart periodEnd\")", "@uses(\"periodBegin periodEnd\")"));
        assertThatThrownBy(() -> new PackLoader().load(rules, rules.resolve("507/2020-07-14")))
                .isInstanceOfSatisfying(PackException.class, e -> assertThat(e.errors()).extracting(CompileError::message)
                        .anySatisfy(m -> assertThat(m).contains("minutes"))
                        .anySatisfy(m -> assertThat(m).contains("periodBegin")));
    }

    @Test
    void a_parameter_without_source_or_assumption_does_not_load(@TempDir Path tmp) throws IOException {
        Path rules = copyRules(tmp);
        Path manifest = rules.resolve("507/2020-07-14/pack.yaml");
        Files.writeString(manifest, Files.readString(manifest).replace(
                "    source: {document: public-record, section: submission deadline, sectionNl: \"uiterste indiendatum\"}\n", ""));
        assertThatThrownBy(() -> new PackLoader().load(rules, rules.resolve("507/2020-07-14")))
                .isInstanceOfSatisfying(PackException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(err -> assertThat(err.message()).contains("deadline").contains("source or an assumption")));
    }

    @Test
    void a_manifest_error_names_the_manifest_and_line(@TempDir Path tmp) throws IOException {
        Path rules = copyRules(tmp);
        Path manifest = rules.resolve("507/2020-07-14/pack.yaml");
        Files.writeString(manifest, Files.readString(manifest).replace("  from: 2020-07-14", "  from: 2020-13-45"));
        assertThatThrownBy(() -> new PackLoader().load(rules, rules.resolve("507/2020-07-14")))
                .isInstanceOfSatisfying(PackException.class, e -> assertThat(e.errors()).singleElement().satisfies(err -> {
                    assertThat(err.file()).isEqualTo("507/2020-07-14/pack.yaml");
                    assertThat(err.line()).isEqualTo(lineOf(Files.readString(manifest), "  from: 2020-13-45"));
                }));
    }

    private static int lineOf(String text, String start) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) if (lines[i].startsWith(start)) return i + 1;
        throw new AssertionError(start + " not found");
    }

    /** A private copy of the rules folder to break. */
    static Path copyRules(Path tmp) throws IOException {
        Path target = tmp.resolve("rules");
        try (Stream<Path> files = Files.walk(Packs.RULES)) {
            for (Path f : files.toList()) {
                Path to = target.resolve(Packs.RULES.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(to);
                else Files.copy(f, to);
            }
        }
        return target;
    }
}
