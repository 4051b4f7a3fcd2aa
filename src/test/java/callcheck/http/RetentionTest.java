package callcheck.http;

import callcheck.store.Decision;
import callcheck.store.DecisionStore;
import callcheck.support.RulesCopy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** serve --keep-inputs-days N: the service erases the proposals older than N days by itself; verdicts stay. */
class RetentionTest {
    @TempDir
    Path temp;

    @Test
    void the_service_erases_old_proposals_and_keeps_recent_ones() throws InterruptedException {
        DecisionStore store = DecisionStore.open(null, temp.resolve("data"));
        Instant now = Instant.now();
        store.record(new Decision("01JD0000000000000000000001", now.minus(Duration.ofDays(31)), null, "507", "v", "sha256:x", "ELIGIBLE", 1,
                "{\"title\":\"old\"}", "{}"), null);
        store.record(new Decision("01JD0000000000000000000002", now.minus(Duration.ofDays(29)), null, "507", "v", "sha256:x", "ELIGIBLE", 1,
                "{\"title\":\"recent\"}", "{}"), null);
        try (Service service = Service.load(RulesCopy.into(temp.resolve("rules"), "507").root(), store, false)) {
            service.keepInputs(Duration.ofDays(30));
            for (int i = 0; i < 200 && store.find("01JD0000000000000000000001").orElseThrow().proposalJson() != null; i++) Thread.sleep(50);
            assertThat(store.find("01JD0000000000000000000001").orElseThrow().proposalJson()).isNull();
            assertThat(store.find("01JD0000000000000000000001").orElseThrow().verdictJson()).isEqualTo("{}");
            assertThat(store.find("01JD0000000000000000000002").orElseThrow().proposalJson()).contains("recent");
        }
    }
}
