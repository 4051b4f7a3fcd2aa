package callcheck.http;

import callcheck.evaluation.PackSet;
import callcheck.json.Json;
import callcheck.pack.PackLoader;
import callcheck.support.Packs;
import callcheck.support.RulesCopy;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /v1/calls/{call} says which version extends which, the rules it states and removes, and per parameter whether inherited. */
class CallLineageTest {

    @Test
    void aDeltaShowsWhatItStatesAndInherits(@TempDir Path tmp) throws Exception {
        Path rules = tmp.resolve("rules");
        RulesCopy.copyTree(Path.of("src/test/resources/packs/rounds/997/2020-01-01"), rules.resolve("997/2020-01-01"));
        RulesCopy.copyTree(Packs.RULES.resolve(PackLoader.REFERENCE_DIR), rules.resolve(PackLoader.REFERENCE_DIR));
        Path delta = Files.createDirectories(rules.resolve("997/2022-01-01"));
        Files.writeString(delta.resolve("pack.yaml"), """
                version: "2022-01-01"
                extends: "2020-01-01"
                submissions:
                  from: 2022-01-01
                parameters:
                  budget:
                    value: 150
                remove: [997-ROUND-COUNT]
                """);
        PackLoader loader = new PackLoader();
        PackSet packs = new PackSet(List.of(loader.load(rules, rules.resolve("997/2020-01-01")), loader.load(rules, delta)),
                PackLoader.reference(rules));

        JsonNode versions = Json.output().valueToTree(Listings.call(packs, "997")).get("versions");
        JsonNode full = versions.get(0), extending = versions.get(1);
        assertThat(full.has("extends")).isFalse();
        assertThat(full.get("parameters").get("budget").get("inherited").asBoolean()).isFalse();
        assertThat(extending.get("extends").asText()).isEqualTo("2020-01-01");
        assertThat(extending.get("statedRules")).isEmpty();
        assertThat(extending.get("removedRules").toString()).isEqualTo("[\"997-ROUND-COUNT\"]");
        assertThat(extending.get("parameters").get("budget").get("inherited").asBoolean()).isFalse();
        assertThat(extending.get("parameters").get("budget").get("value").asInt()).isEqualTo(150);
        assertThat(extending.get("parameters").get("subsidyMax").get("inherited").asBoolean()).isTrue();
    }
}
