package callcheck.pack;

import callcheck.engine.CompileError;
import callcheck.engine.PackException;

import callcheck.engine.Outcome;
import callcheck.engine.Verdict;
import callcheck.support.Packs;
import callcheck.support.ProposalJson;
import callcheck.support.RulesCopy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static callcheck.support.ProposalJson.findingIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The AMIF 2021-2027 rules are one module (rules/programmes/amif2027) that the packs of call 41 and of the actions
 * call include: written once, compiled into both, and a change to it changes both.
 */
class ProgrammeModuleTest {
    static final String MODULE = "programmes/amif2027";
    static final String MODULE_FILE = MODULE + "/module.yaml";
    /** Proposals of both calls that ask AMIF for exactly 75% of their cost, for an action not of Annex IV. */
    static final String CALL41_AT_75 = "41/eligible-regio-gent.json";
    static final String ACT_AT_75 = "ACT/eligible-kempen-buddy.json";

    @Test
    @DisplayName("the module is not a call: only folders with a pack.yaml are loaded as packs")
    void moduleIsNotLoadedAsACall() {
        assertThat(PackLoader.versionFolders(Packs.RULES)).map(p -> Packs.RULES.relativize(p).toString().replace('\\', '/'))
                .contains("41/2022-12-22", "ACT/draft")
                .noneMatch(p -> p.startsWith("programmes"));
        assertThat(Packs.engine().packs().calls()).doesNotContain("programmes");
    }

    @Test
    @DisplayName("both packs carry the module's rules, parameters, assumptions and documents, from the module's files")
    void bothPacksCarryTheModule() {
        for (String call : new String[] {"41", "ACT"}) {
            RulePack pack = Packs.engine().packs().versions(call).get(0);
            assertThat(pack.ruleIds()).as(call).contains("AMIF27-EU-SHARE", "AMIF27-PERIOD", "AMIF27-NOT-DONE");
            assertThat(pack.rule("AMIF27-EU-SHARE").file()).isEqualTo(MODULE + "/programme.drl");
            assertThat(pack.rule("AMIF27-EU-SHARE").source().document()).contains("Regulation (EU) 2021/1147");
            assertThat(pack.parameters().fraction("euShareMax")).isEqualByComparingTo("0.75");
            assertThat(pack.parameters().fraction("euShareMaxAnnexIV")).isEqualByComparingTo("0.90");
            assertThat(pack.manifest().assumptions()).containsKeys("city-regions", "vgc-brussels");
            assertThat(pack.manifest().documents()).containsKeys("amif-regulation", "common-provisions", "roadshow-2023");
        }
    }

    @Test
    @DisplayName("changing one programme parameter changes the verdicts of both calls, and both digests")
    void aProgrammeParameterChangesBothCalls(@TempDir Path tmp) {
        RulesCopy rules = RulesCopy.into(tmp);
        RulePack c41 = rules.load("41", "2022-12-22");
        RulePack act = rules.load("ACT", "draft");
        ProposalJson p41 = ProposalJson.from(CALL41_AT_75);
        ProposalJson pAct = ProposalJson.from(ACT_AT_75);
        assertThat(rules.evaluate(c41, p41).verdict()).isEqualTo(Outcome.ELIGIBLE);
        assertThat(rules.evaluate(act, pAct).verdict()).isEqualTo(Outcome.ELIGIBLE);

        rules.edit(MODULE_FILE, "value: 0.75", "value: 0.70");
        RulePack c41Changed = rules.load("41", "2022-12-22");
        RulePack actChanged = rules.load("ACT", "draft");

        Verdict v41 = rules.evaluate(c41Changed, p41);
        Verdict vAct = rules.evaluate(actChanged, pAct);
        assertThat(v41.verdict()).isEqualTo(Outcome.INELIGIBLE);
        assertThat(findingIds(v41)).containsExactly("AMIF27-EU-SHARE");
        assertThat(ProposalJson.findingsOf(v41, "AMIF27-EU-SHARE").get(0).values()).containsEntry("percent", new java.math.BigDecimal("70"));
        assertThat(vAct.verdict()).isEqualTo(Outcome.INELIGIBLE);
        assertThat(findingIds(vAct)).contains("AMIF27-EU-SHARE");
        assertThat(c41Changed.digest()).isNotEqualTo(c41.digest());
        assertThat(actChanged.digest()).isNotEqualTo(act.digest());
    }

    @Test
    @DisplayName("the digest covers the module's files: editing only a comment in its DRL changes it")
    void digestCoversIncludedFiles(@TempDir Path tmp) {
        RulesCopy rules = RulesCopy.into(tmp);
        Path pack = rules.root().resolve("41/2022-12-22");
        Path module = rules.root().resolve(MODULE);
        String loaded = rules.load("41", "2022-12-22").digest();
        assertThat(loaded).isEqualTo(PackLoader.digest(rules.root(), List.of(pack, module)))
                .isNotEqualTo(PackLoader.digest(rules.root(), List.of(pack)));

        rules.edit(MODULE + "/programme.drl", "// AMIF 2021-2027: the rules", "// AMIF 2021-2027 (edited): the rules");
        assertThat(PackLoader.digest(rules.root(), List.of(pack, module))).isNotEqualTo(loaded);
    }

    @Test
    @DisplayName("a parameter defined by the pack and by a module it includes is a load error in the module's file")
    void clashIsAnError(@TempDir Path tmp) {
        RulesCopy rules = RulesCopy.into(tmp);
        rules.edit("41/2022-12-22/pack.yaml", "assumptions:\n", """
                parameters:
                  euShareMax:
                    type: fraction
                    value: 0.5
                    description: a second definition
                    descriptionNl: een tweede definitie
                    source: {document: public-record, section: x}
                assumptions:
                """);
        assertThatThrownBy(() -> rules.load("41", "2022-12-22"))
                .isInstanceOfSatisfying(PackException.class, e -> assertThat(e.errors()).singleElement().satisfies(err -> {
                    assertThat(err.file()).isEqualTo(MODULE_FILE);
                    assertThat(err.message()).contains("parameter 'euShareMax'", "41/2022-12-22/pack.yaml");
                }));
    }

    @Test
    @DisplayName("an assumption or document defined twice is a clash too")
    void assumptionClashIsAnError(@TempDir Path tmp) {
        RulesCopy rules = RulesCopy.into(tmp);
        rules.edit("41/2022-12-22/pack.yaml", "  joint-leaders:\n", "  city-regions:\n    text: \"again\"\n    textNl: \"opnieuw\"\n  joint-leaders:\n");
        rules.edit("41/2022-12-22/pack.yaml", "  public-record:\n", "  roadshow-2023:\n    title: \"again\"\n  public-record:\n");
        assertThatThrownBy(() -> rules.load("41", "2022-12-22"))
                .isInstanceOfSatisfying(PackException.class, e -> assertThat(e.errors()).extracting(CompileError::message)
                        .anySatisfy(m -> assertThat(m).contains("assumption 'city-regions'"))
                        .anySatisfy(m -> assertThat(m).contains("document 'roadshow-2023'")));
    }

    @Test
    @DisplayName("an include that is missing, outside the rules folder, a pack, or listed twice is a load error in pack.yaml")
    void badIncludes(@TempDir Path tmp) {
        RulesCopy rules = RulesCopy.into(tmp);
        rules.edit("ACT/draft/pack.yaml", "  - programmes/amif2027\n",
                "  - programmes/amif2027\n  - programmes/amif2027\n  - programmes/none\n  - ../outside\n  - 507/2020-07-14\n");
        assertThatThrownBy(() -> rules.load("ACT", "draft"))
                .isInstanceOfSatisfying(PackException.class, e -> {
                    assertThat(e.errors()).allSatisfy(err -> assertThat(err.file()).isEqualTo("ACT/draft/pack.yaml"));
                    assertThat(e.errors()).extracting(CompileError::message).containsExactlyInAnyOrder(
                            "include 'programmes/amif2027' is listed twice",
                            "include 'programmes/none': there is no programmes/none/module.yaml",
                            "include '../outside' must be a folder inside the rules folder, given relative to it",
                            "include '507/2020-07-14' is a pack (it has pack.yaml); only modules can be included");
                });
    }

    @Test
    @DisplayName("a pack rule named like a module rule is a load error: findings are tied to rules by name")
    void duplicateRuleNameIsAnError(@TempDir Path tmp) {
        RulesCopy rules = RulesCopy.into(tmp);
        rules.edit("41/2022-12-22/network.drl", "rule \"41-NETWORK\"\n    @id(\"41-NETWORK\")", "rule \"AMIF27-PERIOD\"\n    @id(\"41-NETWORK\")");
        assertThatThrownBy(() -> rules.load("41", "2022-12-22"))
                .isInstanceOfSatisfying(PackException.class, e -> assertThat(e.errors()).extracting(CompileError::message)
                        .anySatisfy(m -> assertThat(m).contains("rule \"AMIF27-PERIOD\" is also declared in")));
    }

    @Test
    @DisplayName("a module rule citing a document no file defines fails with the module's file and line")
    void moduleRuleErrorsNameTheModuleFile(@TempDir Path tmp) {
        RulesCopy rules = RulesCopy.into(tmp);
        rules.edit(MODULE + "/programme.drl", "@document(\"common-provisions\") @section(\"Article 63(6)", "@document(\"nowhere\") @section(\"Article 63(6)");
        assertThatThrownBy(() -> rules.load("ACT", "draft"))
                .isInstanceOfSatisfying(PackException.class, e -> assertThat(e.errors()).singleElement().satisfies(err -> {
                    assertThat(err.file()).isEqualTo(MODULE + "/programme.drl");
                    assertThat(err.line()).isPositive();
                    assertThat(err.message()).contains("AMIF27-NOT-DONE", "nowhere");
                }));
    }
}
