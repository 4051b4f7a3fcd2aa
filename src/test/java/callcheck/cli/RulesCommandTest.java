package callcheck.cli;

import callcheck.internal.pack.RulePack;
import callcheck.support.Packs;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class RulesCommandTest {

    @Test
    void the_rule_docs_list_every_rule_and_parameter_of_the_compiled_pack() {
        RulePack pack = Packs.engine().packs().versions("507").get(0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RulesCommand.print(pack, new PrintStream(out, true, StandardCharsets.UTF_8));
        String md = out.toString(StandardCharsets.UTF_8);
        for (String id : pack.ruleIds()) assertThat(md).contains("| " + id + " |");
        for (String p : pack.parameters().all().keySet()) assertThat(md).contains("| " + p + " |");
        assertThat(md).contains(pack.digest()).contains("centrumsteden");
    }
}
