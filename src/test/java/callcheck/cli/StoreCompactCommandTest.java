package callcheck.cli;

import callcheck.store.Decision;
import callcheck.store.DecisionStore;
import callcheck.store.Pack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code callcheck store compact}: the embedded store rewritten with its live data only, after the retention erased
 * proposals: smaller, with every decision and verdict as it was; refused for PostgreSQL and where there is no store.
 */
class StoreCompactCommandTest {
    private static final Pack PACK = new Pack("sha256:aa", "507", "v1", Map.of("507/v1/pack.yaml", "call: 507".getBytes(StandardCharsets.UTF_8)));

    @TempDir
    Path data;

    @Test
    void compacting_after_the_retention_erased_proposals_gives_the_space_back_and_keeps_every_decision() throws Exception {
        int n = 3_000;
        long serving;
        try (DecisionStore store = DecisionStore.open(null, data)) {
            for (int i = 0; i < n; i++) store.record(decision(i), PACK);
            serving = Files.size(data.resolve("callcheck.mv.db"));
            assertThat(store.eraseProposalsBefore(Instant.now().plusSeconds(1))).isEqualTo(n);
        }
        // (the stop compacts for a few seconds too: how much is left to the command depends on the machine)
        CliRun run = CliRun.of("store", "compact", "--data", data.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("compacted", "bytes ->");
        long after = Files.size(data.resolve("callcheck.mv.db"));
        long before = Long.parseLong(run.out().replaceAll("(?s).*: ([0-9,]+) bytes ->.*", "$1").replace(",", "").trim());
        assertThat(after).as("compacted from %d", before).isLessThanOrEqualTo(before);
        assertThat(after).as("%d bytes while serving", serving).isLessThan(serving / 2);
        try (DecisionStore store = DecisionStore.open(null, data)) {
            for (int i = 0; i < n; i += 97) {
                Decision d = store.find(decision(i).id()).orElseThrow();
                assertThat(d.verdictJson()).isEqualTo(decision(i).verdictJson());
                assertThat(d.proposalJson()).as("erased by the retention").isNull();
            }
        }
    }

    @Test
    void compacting_is_refused_for_postgresql_and_a_folder_without_a_store() {
        // refused while a service has the store: EmbeddedStoreIsPrivateTest, with a service in a process of its own
        CliRun pg = CliRun.of("store", "compact", "--store", "jdbc:postgresql://localhost:5432/callcheck");
        assertThat(pg.exit()).isEqualTo(2);
        assertThat(pg.err()).contains("PostgreSQL");
        CliRun none = CliRun.of("store", "compact", "--data", data.resolve("nothing-here").toString());
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("no embedded store");
    }

    private static Decision decision(int i) {
        String id = callcheck.evaluation.Ulid.format(1_764_000_000_000L + i, 0, i);
        String proposal = "{\"title\":\"Project " + i + "\",\"summary\":\"" + "Taalcoaching en trajectbegeleiding voor nieuwkomers ".repeat(40) + i + "\"}";
        return new Decision(id, Instant.ofEpochMilli(1_764_000_000_000L + i), "portal", "507", "v1", "sha256:aa", "ELIGIBLE", 1, proposal,
                "{\"decisionId\":\"" + id + "\",\"verdict\":\"ELIGIBLE\"}");
    }
}
