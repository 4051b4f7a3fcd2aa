package callcheck.pack;

import callcheck.engine.PackException;
import callcheck.engine.Verdict;
import callcheck.evaluation.PackEngine;
import callcheck.examples.Example;
import callcheck.model.ProposalReader;
import callcheck.support.Packs;
import callcheck.support.ProposalJson;
import callcheck.support.RulesCopy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static callcheck.support.ProposalJson.findingIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A version that {@code extends} another states only what differs, and is the same pack as the full copy it resolves
 * to: same rules, parameters, digest, verdicts, and an archive that replays without its base.
 */
class DeltaVersionTest {
    private static final Path TEST_PACK = Path.of("src/test/resources/packs/rounds/997/2020-01-01");
    private static final String DELTA = """
            version: "2022-01-01"
            extends: "2020-01-01"
            submissions:
              from: 2022-01-01
            parameters:
              subsidyMax:
                type: amount
                value: 70
                source: {document: test, section: "per proposal, raised"}
            remove: [997-ROUND-COUNT]
            """;
    private static final String ADDED_RULE = """
            package callcheck.rules.c997;

            import callcheck.rules.Evaluation;
            import callcheck.model.Financing;

            rule "997-OWN"
                @id("997-OWN") @severity("WARNING")
                @title("Some own financing") @titleNl("Enige eigen inbreng") @nl("Geen eigen inbreng.") @en("No own financing.")
                @document("test") @section("own")
            when
                $e : Evaluation()
                Financing(own == null || own == 0)
            then
                $e.report(drools);
            end
            """;

    /** A rules folder with the 997 test pack's first version and a delta of it, 2022-01-01. */
    private static Path rulesWithDelta(Path tmp) throws IOException {
        Path rules = tmp.resolve("rules");
        RulesCopy.copyTree(TEST_PACK, rules.resolve("997/2020-01-01"));
        RulesCopy.copyTree(Packs.RULES.resolve(PackLoader.REFERENCE_DIR), rules.resolve(PackLoader.REFERENCE_DIR));
        Path delta = Files.createDirectories(rules.resolve("997/2022-01-01"));
        Files.writeString(delta.resolve("pack.yaml"), DELTA);
        Files.writeString(delta.resolve("own.drl"), ADDED_RULE);
        return rules;
    }

    private static ProposalJson asking(int amif, int own) {
        return ProposalJson.from("426/eligible-at-25-percent.json").set("submittedOn", "2022-02-01")
                .set("financing.totalCost", amif + own).set("financing.amif", amif).set("financing.vvsg", null).set("financing.own", own);
    }

    private static Verdict evaluate(Path rules, RulePack pack, ProposalJson p) {
        return PackEngine.evaluate(pack, PackLoader.reference(rules), ProposalReader.read(p.text()));
    }

    @Test
    @DisplayName("a delta inherits what it does not state: changed parameters, an added rule file, a rule removed by id")
    void aDeltaInheritsWhatItDoesNotState(@TempDir Path tmp) throws IOException {
        Path rules = rulesWithDelta(tmp);
        RulePack base = new PackLoader().load(rules, rules.resolve("997/2020-01-01"));
        RulePack delta = new PackLoader().load(rules, rules.resolve("997/2022-01-01"));

        assertThat(delta.version()).isEqualTo("2022-01-01");
        assertThat(delta.manifest().title()).isEqualTo(base.manifest().title());
        assertThat(delta.manifest().submissions().from()).isEqualTo("2022-01-01");
        assertThat(delta.parameters().amount("subsidyMax")).isEqualByComparingTo("70");
        assertThat(delta.parameters().amount("budget")).isEqualByComparingTo("100");
        assertThat(delta.ruleIds()).containsExactly("997-OWN", "997-SUBSIDY-MAX");
        assertThat(delta.round().ruleIds()).containsExactly("997-ROUND-BUDGET");
        assertThat(base.round().ruleIds()).contains("997-ROUND-COUNT");

        Lineage lineage = delta.lineage();
        assertThat(lineage.extendsVersion()).isEqualTo("2020-01-01");
        assertThat(lineage.parameters()).containsExactly("subsidyMax");
        assertThat(lineage.removed()).containsExactly("997-ROUND-COUNT");
        assertThat(delta.states(delta.rule("997-OWN"))).isTrue();
        assertThat(delta.states(delta.rule("997-SUBSIDY-MAX"))).isFalse();
        // An inherited rule names the file it is written in, the base's.
        assertThat(delta.rule("997-SUBSIDY-MAX").file()).isEqualTo("997/2020-01-01/proposal.drl");
        assertThat(base.lineage()).isNull();

        Verdict asks65 = evaluate(rules, delta, asking(65, 10));
        assertThat(findingIds(asks65)).doesNotContain("997-SUBSIDY-MAX").doesNotContain("997-OWN");
        assertThat(findingIds(evaluate(rules, base, asking(65, 10)))).contains("997-SUBSIDY-MAX");
        assertThat(findingIds(evaluate(rules, delta, asking(75, 0)))).contains("997-SUBSIDY-MAX", "997-OWN");
    }

    @Test
    @DisplayName("a delta and the full copy it resolves to have the same digest and verdicts; its archive replays without its base")
    void aDeltaIsItsFullCopy(@TempDir Path tmp) throws IOException {
        Path rules = rulesWithDelta(tmp);
        RulePack delta = new PackLoader().load(rules, rules.resolve("997/2022-01-01"));
        assertThat(PackLoader.digest(rules, rules.resolve("997/2022-01-01"))).isEqualTo(delta.digest());
        assertThat(delta.files()).containsKeys("997/2022-01-01/pack.yaml", "997/2022-01-01/proposal.drl", "997/2022-01-01/round.drl",
                "997/2022-01-01/own.drl").doesNotContainKey("997/2020-01-01/pack.yaml");

        Path copyRoot = tmp.resolve("full");
        write(delta.files(), copyRoot);
        String manifest = Files.readString(copyRoot.resolve("997/2022-01-01/pack.yaml"));
        assertThat(manifest).doesNotContain("extends").contains("title:");
        RulePack full = new PackLoader().load(copyRoot, copyRoot.resolve("997/2022-01-01"));
        assertThat(full.lineage()).isNull();
        assertThat(full.digest()).isEqualTo(delta.digest());
        assertThat(full.ruleIds()).isEqualTo(delta.ruleIds());

        ArchivedPack archived = ArchivedPack.compile(delta.files(), delta.digest());
        for (ProposalJson p : List.of(asking(65, 10), asking(75, 0), asking(50, 50))) {
            List<String> expected = findingIds(evaluate(rules, delta, p));
            assertThat(findingIds(evaluate(copyRoot, full, p))).isEqualTo(expected);
            assertThat(findingIds(PackEngine.evaluate(archived.pack(), archived.reference(), ProposalReader.read(p.text())))).isEqualTo(expected);
        }
    }

    @Test
    @DisplayName("a change to the base changes the delta (its digest and what it inherits); an archived delta does not move")
    void aBaseChangeChangesTheDelta(@TempDir Path tmp) throws IOException {
        Path rules = rulesWithDelta(tmp);
        RulePack before = new PackLoader().load(rules, rules.resolve("997/2022-01-01"));
        Path baseManifest = rules.resolve("997/2020-01-01/pack.yaml");
        Files.writeString(baseManifest, Files.readString(baseManifest).replace("value: 100", "value: 90"));
        RulePack after = new PackLoader().load(rules, rules.resolve("997/2022-01-01"));
        assertThat(after.parameters().amount("budget")).isEqualByComparingTo("90");
        assertThat(after.digest()).isNotEqualTo(before.digest()).isEqualTo(PackLoader.digest(rules, rules.resolve("997/2022-01-01")));
        assertThat(ArchivedPack.compile(before.files(), before.digest()).pack().parameters().amount("budget")).isEqualByComparingTo("100");
    }

    @Test
    @DisplayName("extends a version that is not there, and removes a rule the base does not have: errors in the delta's pack.yaml")
    void badDeltasSayWhere(@TempDir Path tmp) throws IOException {
        Path rules = rulesWithDelta(tmp);
        Path manifest = rules.resolve("997/2022-01-01/pack.yaml");
        Files.writeString(manifest, DELTA.replace("extends: \"2020-01-01\"", "extends: \"2019-01-01\""));
        assertThatThrownBy(() -> new PackLoader().load(rules, rules.resolve("997/2022-01-01")))
                .isInstanceOfSatisfying(PackException.class, e -> assertThat(e.errors()).singleElement().satisfies(err -> {
                    assertThat(err.file()).isEqualTo("997/2022-01-01/pack.yaml");
                    assertThat(err.line()).isEqualTo(2);
                    assertThat(err.message()).contains("extends '2019-01-01'");
                }));
        Files.writeString(manifest, DELTA.replace("997-ROUND-COUNT", "997-NO-SUCH"));
        assertThatThrownBy(() -> new PackLoader().load(rules, rules.resolve("997/2022-01-01")))
                .isInstanceOfSatisfying(PackException.class, e -> assertThat(e.errors()).singleElement().satisfies(err -> {
                    assertThat(err.file()).isEqualTo("997/2022-01-01/pack.yaml");
                    assertThat(err.message()).contains("remove '997-NO-SUCH'");
                }));
    }

    @Test
    @DisplayName("callcheck rules says what a delta states and marks what it inherits")
    void rulesShowWhatADeltaStates(@TempDir Path tmp) throws IOException {
        Path rules = rulesWithDelta(tmp);
        callcheck.cli.CliRun run = callcheck.cli.CliRun.of("rules", "--call", "997", "--version", "2022-01-01", "--rules", rules.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("Extends version 2020-01-01 and states only: parameters subsidyMax; rules 997-OWN; removes 997-ROUND-COUNT.",
                "| 997-SUBSIDY-MAX (inherited) |", "| 997-OWN |", "| budget (inherited) |", "| subsidyMax |");
    }

    @Test
    @DisplayName("every delta in the rules folder gives the digest and the verdicts of its full copy on its call's examples")
    void everyDeltaOfTheRulesFolderIsItsFullCopy(@TempDir Path tmp) throws IOException {
        for (Path folder : PackLoader.versionFolders(Packs.RULES)) {
            if (PackLoader.extendsChain(folder).isEmpty()) continue;
            String call = folder.getParent().getFileName().toString();
            RulePack delta = new PackLoader().load(Packs.RULES, folder);
            Path copyRoot = tmp.resolve(call + "-" + folder.getFileName());
            write(delta.files(), copyRoot);
            RulePack full = new PackLoader().load(copyRoot, copyRoot.resolve(call).resolve(folder.getFileName()));
            assertThat(full.digest()).as(call + "/" + delta.version()).isEqualTo(delta.digest());
            Path examples = Packs.EXAMPLES.resolve(call);
            if (!Files.isDirectory(examples)) continue;
            for (Example example : Example.of(examples)) {
                Verdict a = PackEngine.evaluate(delta, PackLoader.reference(Packs.RULES), ProposalReader.read(example.proposal()));
                Verdict b = PackEngine.evaluate(full, PackLoader.reference(copyRoot), ProposalReader.read(example.proposal()));
                assertThat(b.verdict()).as(example.name()).isEqualTo(a.verdict());
                assertThat(findingIds(b)).as(example.name()).isEqualTo(findingIds(a));
            }
        }
    }

    private static void write(Map<String, byte[]> files, Path root) throws IOException {
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path target = root.resolve(f.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, f.getValue());
        }
    }
}
