package callcheck.http;

import callcheck.evaluation.PackEngine;

import callcheck.examples.WarmUp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The warm-up after a start runs every example once through the serving packs; one that fails stops nothing. */
class WarmUpTest {
    @TempDir
    Path examples;

    @Test
    void everyExampleIsEvaluatedOnceAndAFailingOneStopsNothing() throws IOException {
        PackEngine engine = FaultyPack.gated();
        example("998", "a", "{\"submittedOn\": \"2020-01-02\"}");
        example("998", "b", "{\"submittedOn\": \"2020-01-03\"}");
        example("998", "before-any-version", "{\"submittedOn\": \"2019-01-01\"}"); // no version governs it: fails
        example("777", "unknown-call", "{\"submittedOn\": \"2020-01-02\"}");     // no such call: fails
        Gate.reset();

        assertThat(WarmUp.run(engine, examples)).isEqualTo(4);
        assertThat(Gate.passes()).isEqualTo(2);
    }

    private void example(String call, String name, String proposal) throws IOException {
        Path dir = Files.createDirectories(examples.resolve(call));
        Files.writeString(dir.resolve(name + ".json"), proposal);
        Files.writeString(dir.resolve(name + ".expected.json"), "{\"verdict\": \"ELIGIBLE\", \"findings\": []}");
    }
}
