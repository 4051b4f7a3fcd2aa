package callcheck.http;

import callcheck.reload.RulesWatcher;
import callcheck.support.Await;
import callcheck.support.HangingPack;
import callcheck.support.RulesCopy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules folder is watched by its path: a folder moved into its place, as deploy tools do, is picked up, and edited after. */
class RulesFolderSwapTest {
    private static final String EVALUATIONS = "/v1/calls/997/evaluations";
    private static final String DRL = "997/2020-01-01/hang.drl";

    @TempDir
    Path tmp;

    private RulesCopy rulesAt(Path folder) {
        RulesCopy copy = RulesCopy.into(folder, new String[0]);
        HangingPack.copyInto(copy.root());
        return copy;
    }

    private String seen(TestServer api) {
        return api.postJson(EVALUATIONS, HangingPack.json("fine")).json().get("findings").get(0).get("message").get("en").asText();
    }

    @Test
    void aRulesFolderReplacedByMvIsServedAndItsLaterEditsToo() throws IOException {
        Path rules = tmp.resolve("rules");
        rulesAt(rules);
        try (TestServer api = TestServer.serve(rules, null, RulesWatcher.SETTLE)) {
            assertThat(seen(api)).isEqualTo("Seen.");

            RulesCopy next = rulesAt(tmp.resolve("rules.new"));
            next.edit(DRL, "@en(\"Seen.\")", "@en(\"Seen in the new folder.\")");
            Files.move(rules, tmp.resolve("rules.old"));
            Files.move(next.root(), rules);
            Await.until("the new folder to serve", () -> seen(api), "Seen in the new folder."::equals);

            // The new folder is watched, not the old one.
            Files.writeString(tmp.resolve("rules.old").resolve(DRL), Files.readString(tmp.resolve("rules.old").resolve(DRL))
                    .replace("@en(\"Seen.\")", "@en(\"Edited in the old folder.\")"));
            Path drl = rules.resolve(DRL);
            Files.writeString(drl, Files.readString(drl).replace("Seen in the new folder.", "Edited in place."));
            Await.until("the edit in the new folder to serve", () -> seen(api), "Edited in place."::equals);
            assertThat(api.get("/health").status()).isEqualTo(200);
        }
    }
}
