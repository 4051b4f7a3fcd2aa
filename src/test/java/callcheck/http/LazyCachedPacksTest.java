package callcheck.http;

import callcheck.evaluation.EvaluationLimits;
import callcheck.pack.BrokenEntries;
import callcheck.pack.CompiledPackCache;
import callcheck.pack.PackLoader;
import callcheck.pack.PackOptions;
import callcheck.pack.RulePack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pack read from the compiled-pack cache is ready before its classes are defined; an entry whose classes turn out
 * damaged only then (its checksum right) is compiled again from the pack's sources and answers as a fresh compile would,
 * never a 500.
 */
class LazyCachedPacksTest {
    private static final Path RULES = Path.of("src/test/resources/library/rules");
    private static final String ASKS_9000 = "{\"title\":\"t\",\"financing\":{\"totalCost\":20000,\"amif\":9000},\"submittedOn\":\"2024-06-01\"}";
    private static final String ASKS_12000 = "{\"title\":\"t\",\"financing\":{\"totalCost\":30000,\"amif\":12000},\"submittedOn\":\"2024-06-01\"}";

    @Test
    void anEntryDamagedPastItsChecksumIsFoundOnFirstUseAndThePackServesAsCompiled(@TempDir Path dir) throws Exception {
        Path cacheDir = dir.resolve("cache");
        try (CompiledPackCache cache = new CompiledPackCache(cacheDir, "lazy-test")) {
            new PackLoader(new PackOptions(true, true, true, false), cache).load(RULES, RULES.resolve("900/2024-01-01"));
            assertThat(cache.stored()).isEqualTo(1);
        }
        assertThat(BrokenEntries.breakClasses(cacheDir)).isEqualTo(1);

        CompiledPackCache cache = new CompiledPackCache(cacheDir, "lazy-test");
        Service service = Service.load(RULES, EvaluationLimits.defaults(), null, false, cache);
        try (TestServer api = TestServer.of(service)) {
            assertThat(cache.hits()).as("checked and listed from the entry").isEqualTo(1);
            assertThat(cache.rejected()).isZero();
            RulePack pack = service.loaded().packs().select("900", "2024-01-01", null);
            assertThat(pack.prepared()).as("no class defined before its first use").isFalse();
            assertThat(api.get("/health/ready").status()).isEqualTo(200);
            assertThat(api.get("/v1/calls/900/rules").json().toString()).contains("900-SUBSIDY-MAX");

            TestServer.Response eligible = api.postJson("/v1/calls/900/evaluations", ASKS_9000);
            assertThat(eligible.status()).as(eligible.body()).isEqualTo(200);
            assertThat(eligible.json().get("verdict").asText()).isEqualTo("ELIGIBLE");
            TestServer.Response ineligible = api.postJson("/v1/calls/900/evaluations", ASKS_12000);
            assertThat(ineligible.json().get("verdict").asText()).isEqualTo("INELIGIBLE");
            assertThat(ineligible.body()).contains("900-SUBSIDY-MAX");
            assertThat(cache.rejected()).as("the damaged entry, found on first use").isEqualTo(1);
            assertThat(cache.storedPackages()).as("the rules compiled again, stored at once").isEqualTo(1);
        }
    }
}
