package callcheck.pack;

import callcheck.engine.CompileError;
import callcheck.engine.Outcome;
import callcheck.engine.PackException;
import callcheck.engine.Severity;
import callcheck.engine.Verdict;
import callcheck.evaluation.PackEngine;
import callcheck.model.ProposalReader;
import callcheck.support.Packs;
import callcheck.support.RulesCopy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code @needs} means what it says: an absent or null list or object is MISSING; an empty list is a value. */
class NeedsTest {
    private static final Path PACKS = Path.of("src/test/resources/packs/needs");
    private static final RulePack PACK = new PackLoader().load(PACKS, PACKS.resolve("997/2020-01-01"));
    private static final String PARTNER = "{\"name\": \"vzw X\", \"kind\": \"NON_PROFIT\"}";

    @TempDir
    Path tmp;

    private static Verdict evaluate(String fields) {
        String json = "{\"submittedOn\": \"2020-06-01\"" + (fields.isEmpty() ? "" : ", " + fields) + "}";
        return PackEngine.evaluate(PACK, Packs.engine().packs().reference(), ProposalReader.read(json));
    }

    private static Severity severityOf(Verdict v, String rule) {
        return v.findings().stream().filter(f -> f.rule().equals(rule)).map(f -> f.severity()).findFirst().orElse(null);
    }

    @Test
    @DisplayName("a list the rule needs: absent or null is MISSING, empty is a value the rule judges, filled passes")
    void a_needed_list() {
        assertThat(severityOf(evaluate(""), "997-PARTNERS")).isEqualTo(Severity.MISSING);
        assertThat(evaluate("").findings()).filteredOn(f -> f.rule().equals("997-PARTNERS")).singleElement()
                .satisfies(f -> assertThat(f.values().get("missing")).asList().containsExactly("partners"));
        assertThat(severityOf(evaluate("\"partners\": null"), "997-PARTNERS")).isEqualTo(Severity.MISSING);
        assertThat(severityOf(evaluate("\"partners\": []"), "997-PARTNERS")).isEqualTo(Severity.BLOCKING);
        assertThat(severityOf(evaluate("\"partners\": [" + PARTNER + "]"), "997-PARTNERS")).isNull();
    }

    @Test
    @DisplayName("an object the rule needs: absent is MISSING, given it is judged")
    void a_needed_object() {
        assertThat(severityOf(evaluate("\"partners\": []"), "997-FINANCING")).isEqualTo(Severity.MISSING);
        Verdict noOwn = evaluate("\"partners\": [" + PARTNER + "], \"financing\": {\"totalCost\": 10}");
        assertThat(severityOf(noOwn, "997-FINANCING")).isEqualTo(Severity.BLOCKING);
        Verdict all = evaluate("\"partners\": [" + PARTNER + "], \"financing\": {\"totalCost\": 10, \"own\": 10}");
        assertThat(all.verdict()).isEqualTo(Outcome.ELIGIBLE);
    }

    @Test
    @DisplayName("validate refuses a @needs path the proposal model does not have, at the rule's line")
    void an_unknown_path_is_refused() throws IOException {
        RulesCopy.copyTree(PACKS.resolve("997"), tmp.resolve("997"));
        RulesCopy.copyTree(Packs.RULES.resolve(PackLoader.REFERENCE_DIR), tmp.resolve(PackLoader.REFERENCE_DIR));
        // Without a labels file: the refused path has no label either, which would be a second error.
        Files.delete(tmp.resolve(PackLoader.REFERENCE_DIR).resolve(callcheck.language.Labels.FILE));
        Path drl = tmp.resolve("997/2020-01-01/needs.drl");
        Files.writeString(drl, Files.readString(drl).replace("@needs(\"financing\")", "@needs(\"financing.subsidie\")"));
        assertThatThrownBy(() -> new PackLoader().load(tmp, tmp.resolve("997/2020-01-01")))
                .isInstanceOfSatisfying(PackException.class, e -> assertThat(e.errors()).singleElement().satisfies(err -> {
                    assertThat(err.file()).isEqualTo("997/2020-01-01/needs.drl");
                    assertThat(err.line()).isEqualTo(25);
                    assertThat(err.column()).isEqualTo(13);
                    assertThat(err.message()).contains("997-FINANCING", "financing.subsidie", "no field 'subsidie'", "Financing has totalCost, amif, vvsg, own, annexIV");
                }));
    }
}
