package callcheck.cli;

import callcheck.pack.RuleInfo;
import callcheck.pack.RulePack;
import callcheck.support.PackVersions;
import callcheck.support.Packs;
import callcheck.support.RulesCopy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class RulesCommandTest {

    @TempDir
    Path tmp;

    @Test
    void the_rule_docs_list_every_rule_with_its_messages_needs_and_uses_and_every_parameter_of_the_compiled_pack() {
        RulePack pack = Packs.engine().packs().select("507", "2020-07-14", null);
        String md = print(pack, null);
        for (String id : pack.ruleIds()) assertThat(md).contains("| " + id + " |");
        for (String p : pack.parameters().all().keySet()) assertThat(md).contains("| " + p + " |");
        RuleInfo max = pack.rule("507-SUBSIDY-MAX");
        assertThat(md).contains("| " + max.nl() + "; " + max.en() + " | " + String.join(" ", max.needs()) + " | " + String.join(" ", max.uses()) + " |");
        assertThat(md).contains(pack.digest()).contains("centrumsteden").doesNotContain("since ");
    }

    @Test
    void each_version_says_whether_it_is_evaluated_on_the_callers_thread_and_if_not_why() {
        assertThat(print(callcheck.support.HaltingPack.pack(), null)).contains("A halt stops every rule: evaluated on the caller's thread");
        assertThat(print(callcheck.support.HangingPack.pack(), null))
                .containsPattern("Evaluated on a worker thread, since a halt might not stop 997/2020-01-01/hang\\.drl:\\d+: uses callcheck\\.support\\.Hang\\.");
    }

    @Test
    void a_later_version_marks_what_changed_since_the_version_before() {
        RulesCopy copy = RulesCopy.into(tmp, "507");
        String v2 = PackVersions.copyToFresh(copy.root(), "507", "2020-07-14", "2999-01-01");
        copy.edit("507/" + v2 + "/pack.yaml", "    value: 40000\n", "    value: 30000\n")
                .edit("507/" + v2 + "/timing.drl", "submittedOn.isAfter($deadline))", "submittedOn.isAfter($deadline.plusDays(1)))");
        String md = print(copy.load("507", v2), copy.load("507", "2020-07-14"));
        assertThat(md).contains("| since 2020-07-14 |")
                .containsPattern("\\| 507-SUBSIDY-MAX \\| BLOCKING \\| The subsidy asked is at most €30,000 \\|.*\\| \\*\\*changed\\*\\*: title \\|")
                .containsPattern("\\| 507-DEADLINE \\|.*\\| \\*\\*changed\\*\\*: conditions \\|")
                .containsPattern("\\| subsidyMax \\| 30000 \\|.*\\| \\*\\*changed\\*\\*: was 40000 \\|")
                .containsPattern("\\| 507-PERIOD \\|.*\\|  \\|\\n");
    }

    @Test
    void with_lang_nl_the_titles_of_the_rules_and_the_call_level_rules_are_dutch() {
        CliRun run = CliRun.of("rules", "--rules", Packs.RULES.toString(), "--call", "507", "--version", "2020-07-14", "--lang", "nl");
        assertThat(run.exit()).as(run.out()).isZero();
        RulePack pack = Packs.engine().packs().select("507", "2020-07-14", null);
        for (RuleInfo r : pack.rules()) {
            if (r.isPrimary()) assertThat(run.out()).contains("| " + r.id() + " | " + r.severity() + " | " + r.titleNl() + " |");
        }
        assertThat(pack.round().rules()).isNotEmpty().allSatisfy(r -> assertThat(run.out()).contains("| " + r.id() + " | " + r.severity() + " | " + r.titleNl() + " |"));
        assertThat(run.out()).doesNotContain(pack.rule("507-SUBSIDY-MAX").title());
        // the parameters' descriptions in Dutch too, where the pack gives them (every pack of rules/ does)
        for (callcheck.rules.Parameter p : pack.parameters().all().values()) {
            if (p.descriptionNl() != null) assertThat(run.out()).contains(" | " + p.descriptionNl() + " | ").doesNotContain(" | " + p.description() + " | ");
        }
        CliRun bad = CliRun.of("rules", "--rules", Packs.RULES.toString(), "--lang", "fr");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("'fr' is not a language: write nl or en");
    }

    private static String print(RulePack pack, RulePack previous) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RulesCommand.print(pack, previous, callcheck.language.Language.EN, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
