package callcheck.pack;

import callcheck.engine.CompileError;
import callcheck.engine.PackException;
import callcheck.rules.Parameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The manifest's texts in Dutch beside the English (descriptionNl, assumptionNl, sectionNl, textNl): refused when
 * missing, as a rule without {@code @titleNl} is, and inherited by a version that extends another.
 */
class DutchTextsTest {
    @TempDir
    Path tmp;

    private static final String MANIFEST = """
            call: "998"
            title: t
            programme: p
            programmeNl: pNl
            version: "2020-01-01"
            submissions:
              from: 2020-01-01
              assumption: "Assumption: the start is a guess."
              assumptionNl: "Aanname: het begin is geraden."
            documents:
              doc: {title: "A document"}
            parameters:
              budget:
                type: amount
                value: 10
                description: the budget
                descriptionNl: het budget
                source: {document: doc, section: budget, sectionNl: begroting}
              guess:
                type: amount
                value: 5
                description: a guess
                descriptionNl: een gok
                assumption: "Assumption: a guessed number."
                assumptionNl: "Aanname: een geraden getal."
              later:
                type: date
                value: null
                unknown: true
                description: the day it ends
                descriptionNl: de laatste dag
            assumptions:
              reading:
                text: "Assumption: a reading of the call."
                textNl: "Aanname: een lezing van de oproep."
            """;
    private static final String DRL = """
            package callcheck.rules.t998;
            import callcheck.rules.Evaluation;
            rule "998-BUDGET"
                @id("998-BUDGET") @severity("INFO") @title("t") @titleNl("t") @nl("n") @en("e") @document("doc") @section("s") @sectionNl("deel")
                @uses("budget guess reading submissions")
            when
                $e : Evaluation()
            then
                $e.report(drools);
            end
            """;

    private Path rules() {
        return tmp.resolve("rules");
    }

    private Path version(String version, String manifest, String drl) throws IOException {
        Path folder = rules().resolve("998").resolve(version);
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("pack.yaml"), manifest);
        if (drl != null) Files.writeString(folder.resolve("rules.drl"), drl);
        return folder;
    }

    private RulePack load(Path folder) {
        return new PackLoader().load(rules(), folder);
    }

    @Test
    void the_dutch_texts_reach_the_parameters_and_the_rules() throws IOException {
        RulePack pack = load(version("2020-01-01", MANIFEST, DRL));
        Parameter budget = pack.parameters().get("budget");
        assertThat(budget.descriptionNl()).isEqualTo("het budget");
        assertThat(budget.source().sectionNl()).isEqualTo("begroting");
        assertThat(pack.parameters().get("guess").assumptionNl()).isEqualTo("Aanname: een geraden getal.");
        assertThat(pack.parameters().get("later").assumptionNl()).isEqualTo("De bronnen geven de laatste dag niet; de waarde is onbekend.");
        assertThat(pack.manifest().programmeNl()).isEqualTo("pNl");
        assertThat(pack.rule("998-BUDGET").source().sectionNl()).isEqualTo("deel");
        // a rule's assumptions joined in each language, in the order it uses them
        assertThat(pack.rule("998-BUDGET").assumptionNl())
                .isEqualTo("Aanname: een geraden getal. Aanname: een lezing van de oproep. Aanname: het begin is geraden.");
        assertThat(pack.rule("998-BUDGET").assumption())
                .isEqualTo("Assumption: a guessed number. Assumption: a reading of the call. Assumption: the start is a guess.");
    }

    @Test
    void an_english_text_without_its_dutch_is_refused_naming_what_lacks() throws IOException {
        String english = MANIFEST.replace("    descriptionNl: het budget\n", "")
                .replace("    assumptionNl: \"Aanname: een geraden getal.\"\n", "")
                .replace("    textNl: \"Aanname: een lezing van de oproep.\"\n", "")
                .replace("  assumptionNl: \"Aanname: het begin is geraden.\"\n", "");
        Path folder = version("2020-01-01", english, DRL);
        assertThatThrownBy(() -> load(folder)).isInstanceOfSatisfying(PackException.class, e -> assertThat(e.errors())
                .extracting(CompileError::message).containsExactlyInAnyOrder(
                        "submissions has an assumption but no assumptionNl: write it in Dutch too, for the Dutch pages",
                        "assumption reading has no textNl: write it in Dutch too, for the Dutch pages",
                        "parameter budget has a description but no descriptionNl: write it in Dutch too, for the Dutch pages",
                        "parameter guess has an assumption but no assumptionNl: write it in Dutch too, for the Dutch pages"));
    }

    @Test
    void a_pack_archived_before_the_dutch_was_required_still_compiles_for_a_replay() throws IOException {
        callcheck.support.RulesCopy.copyTree(Path.of("src/test/resources/library/rules/reference"), rules().resolve("reference"));
        RulePack pack = load(version("2020-01-01", MANIFEST, DRL));
        Map<String, byte[]> old = new LinkedHashMap<>(pack.files());
        old.replaceAll((name, bytes) -> new String(bytes, StandardCharsets.UTF_8).replace("    descriptionNl: het budget\n", "")
                .replace(" @titleNl(\"t\")", "").getBytes(StandardCharsets.UTF_8));
        assertThat(old.values()).noneMatch(b -> new String(b, StandardCharsets.UTF_8).contains("descriptionNl: het budget"));
        ArchivedPack archived = ArchivedPack.compile(old, PackLoader.digest(old));
        assertThat(archived.pack().parameters().get("budget").descriptionNl()).isNull();
        assertThat(archived.pack().rule("998-BUDGET").titleNl()).isEqualTo(archived.pack().rule("998-BUDGET").title());
        // the same files in the rules folder are refused
        Path folder = version("2020-01-01", new String(old.get("998/2020-01-01/pack.yaml"), StandardCharsets.UTF_8), DRL);
        assertThatThrownBy(() -> load(folder)).isInstanceOfSatisfying(PackException.class, e -> assertThat(e.errors())
                .extracting(CompileError::message).anySatisfy(m -> assertThat(m).contains("descriptionNl")));
    }

    @Test
    void a_version_that_extends_another_inherits_the_dutch_of_what_it_does_not_state() throws IOException {
        version("2020-01-01", MANIFEST, DRL);
        // states the budget's value only, and the guess's assumption anew in both languages
        RulePack delta = load(version("2021-01-01", """
                version: "2021-01-01"
                extends: "2020-01-01"
                submissions:
                  from: 2021-01-01
                parameters:
                  budget:
                    value: 20
                  guess:
                    assumption: "Assumption: another guess."
                    assumptionNl: "Aanname: een andere gok."
                """, null));
        Parameter budget = delta.parameters().get("budget");
        assertThat(budget.value().toString()).isEqualTo("20");
        assertThat(budget.descriptionNl()).isEqualTo("het budget");
        assertThat(budget.source().sectionNl()).isEqualTo("begroting");
        assertThat(delta.parameters().get("guess").descriptionNl()).isEqualTo("een gok");
        assertThat(delta.parameters().get("guess").assumptionNl()).isEqualTo("Aanname: een andere gok.");
        assertThat(delta.manifest().assumptions().get("reading").textNl()).isEqualTo("Aanname: een lezing van de oproep.");
        assertThat(delta.manifest().programmeNl()).isEqualTo("pNl");
        assertThat(delta.rule("998-BUDGET").assumptionNl()).startsWith("Aanname: een andere gok.");
    }

    @Test
    void a_version_that_extends_another_states_the_dutch_of_a_new_english_text() throws IOException {
        version("2020-01-01", MANIFEST, DRL);
        // the base's Dutch was written for the old English: not inherited beside the new
        Path folder = version("2021-01-01", """
                version: "2021-01-01"
                extends: "2020-01-01"
                parameters:
                  guess:
                    assumption: "Assumption: another guess."
                """, null);
        assertThatThrownBy(() -> load(folder)).isInstanceOfSatisfying(PackException.class, e -> assertThat(e.errors())
                .extracting(CompileError::message).singleElement().asString()
                .startsWith("parameter guess has an assumption but no assumptionNl: write it in Dutch too, for the Dutch pages"));
    }
}
