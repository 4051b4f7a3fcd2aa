package callcheck.examples;

import callcheck.engine.Verdict;
import callcheck.evaluation.LoadReport;
import callcheck.evaluation.PackSet;
import callcheck.pack.PackLoader;
import callcheck.support.RulesCopy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The round examples of one run evaluate each distinct proposal once per pack (507's rounds name the same example
 * file up to twenty times), and only an equal proposal shares a verdict: one without a partner list is not one with
 * an empty list, since {@code @needs} tells them apart. Test call 997: a proposal may ask at most 60.
 */
class RoundExampleOnceTest {
    @TempDir
    Path dir;

    @Test
    void eachDistinctProposalIsEvaluatedOnceOverTheRoundsOfARun() throws IOException {
        Path rules = RulesCopy.into(dir.resolve("rules"), new String[0]).root(); // the reference data only
        RulesCopy.copyTree(Path.of("src/test/resources/packs/rounds"), rules);
        LoadReport report = LoadReport.load(rules, new PackLoader());
        assertThat(report.failures()).isEmpty();
        PackSet packs = report.packs();

        Path call = Files.createDirectories(dir.resolve("examples/997/rounds")).getParent();
        Files.writeString(call.resolve("asks-50.json"), "{\"submittedOn\":\"2020-06-01\",\"financing\":{\"amif\":50}}");
        Files.writeString(call.resolve("asks-50-no-partners.json"), "{\"submittedOn\":\"2020-06-01\",\"financing\":{\"amif\":50},\"partners\":[]}");
        Files.writeString(call.resolve("asks-70.json"), "{\"submittedOn\":\"2020-06-01\",\"financing\":{\"amif\":70}}");
        Path first = round(call, "first", "asks-50", "asks-50", "asks-50", "asks-70", "asks-50-no-partners");
        Path second = round(call, "second", "asks-50", "asks-70", "asks-70");

        Map<String, Verdict> verdicts = new ConcurrentHashMap<>();
        RoundExampleResult a = RoundExampleResult.run(packs, example(first), verdicts);
        RoundExampleResult b = RoundExampleResult.run(packs, example(second), verdicts);
        assertThat(verdicts).as("asks-50, asks-70, and asks-50 with an empty partner list: three evaluations for eight proposals").hasSize(3);
        for (RoundExampleResult r : List.of(a, b)) {
            assertThat(r.error()).isNull();
            assertThat(r.result().proposals()).allSatisfy(l -> assertThat(l.verdict().name()).isEqualTo(l.id().startsWith("asks-70") ? "INELIGIBLE" : "ELIGIBLE"));
        }
        // The same rounds, each proposal evaluated anew, give the same answers.
        RoundExampleResult anew = RoundExampleResult.run(packs, example(first));
        assertThat(anew.result().proposals().stream().map(l -> l.id() + " " + l.verdict() + " " + l.subsidy()).toList())
                .isEqualTo(a.result().proposals().stream().map(l -> l.id() + " " + l.verdict() + " " + l.subsidy()).toList());
        assertThat(anew.foundIds()).isEqualTo(a.foundIds());
    }

    /** A round of the named example proposals (ids: name and place), all selected. */
    private static Path round(Path call, String name, String... examples) throws IOException {
        StringBuilder proposals = new StringBuilder(), selected = new StringBuilder();
        for (int i = 0; i < examples.length; i++) {
            String id = examples[i] + "#" + i;
            proposals.append(i == 0 ? "" : ",").append("{\"id\":\"").append(id).append("\",\"example\":\"").append(examples[i]).append("\"}");
            selected.append(i == 0 ? "" : ",").append('"').append(id).append('"');
        }
        Path file = call.resolve("rounds/" + name + ".json");
        Files.writeString(file, "{\"proposals\":[" + proposals + "],\"selected\":[" + selected + "]}");
        return file;
    }

    private static RoundExample example(Path file) {
        String name = file.getFileName().toString().replace(".json", "");
        return new RoundExample("997", name, file, new RoundExample.Expected(List.of(), null, null, null));
    }
}
