package callcheck.examples;

import callcheck.engine.FinancingPlan;
import callcheck.engine.Outcome;
import callcheck.engine.Verdict;
import callcheck.json.Json;
import callcheck.model.Proposal;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The accumulation of {@link Impact} on its own, with a replay made up here: every decision counted once whatever the
 * order the parallel replays finish in, the page of changed decisions bounded and continued by its cursor, erased
 * proposals and failed replays counted apart.
 */
class ImpactAccumulationTest {
    /** Titles "up" replay ELIGIBLE with a plan of 100, "boom" fails, every other title replays as it was answered. */
    private static final Function<Proposal, Verdict> REPLAY = p -> {
        if (p.getTitle().equals("boom")) throw new IllegalStateException("a rule failed");
        return p.getTitle().equals("up") ? verdict(Outcome.ELIGIBLE, 100) : verdict(Outcome.INELIGIBLE, 40);
    };

    @Test
    void counts_every_decision_once_and_pages_the_changed_ones_in_id_order() throws Exception {
        List<Impact.Recorded> recorded = new ArrayList<>();
        String answered = Json.output().writeValueAsString(verdict(Outcome.INELIGIBLE, 40));
        for (int i = 0; i < 500; i++) {
            String id = String.format("D%05d", i);
            String title = i % 5 == 0 ? "up" : i % 50 == 1 ? "boom" : "same";
            String proposal = i % 100 == 2 ? null : "{\"submittedOn\":\"2024-03-01\",\"title\":\"" + title + "\"}";
            recorded.add(new Impact.Recorded(id, proposal, answered));
        }
        List<String> paged = new ArrayList<>();
        String after = null;
        Impact.Result r;
        do {
            try (Impact impact = new Impact(REPLAY, 4, after, 30, null)) {
                recorded.forEach(impact::accept);
                r = impact.finish();
            }
            assertThat(r.changedDecisions().size()).isLessThanOrEqualTo(30);
            r.changedDecisions().forEach(c -> paged.add(c.decisionId()));
            after = r.nextAfterId();
        } while (after != null);

        assertThat(r.decisions()).isEqualTo(500);
        assertThat(r.skipped()).isEqualTo(new Impact.Skipped(5, 10));
        assertThat(r.changed()).isEqualTo(100);
        assertThat(r.transitions()).containsExactly(new Impact.Transition("INELIGIBLE", "ELIGIBLE", 100),
                new Impact.Transition("INELIGIBLE", "INELIGIBLE", 385));
        assertThat(r.financing().maxSubsidyBefore()).isEqualByComparingTo(BigDecimal.valueOf(485 * 40));
        assertThat(r.financing().maxSubsidyAfter()).isEqualByComparingTo(BigDecimal.valueOf(100 * 100 + 385 * 40));
        assertThat(paged).hasSize(100).isSorted().doesNotHaveDuplicates().allMatch(id -> Integer.parseInt(id.substring(1)) % 5 == 0);
    }

    @Test
    void a_progress_consumer_that_fails_stops_the_run_and_the_replays_not_started() throws Exception {
        String answered = Json.output().writeValueAsString(verdict(Outcome.INELIGIBLE, 40));
        java.util.concurrent.atomic.AtomicInteger replayed = new java.util.concurrent.atomic.AtomicInteger();
        Function<Proposal, Verdict> counting = p -> {
            replayed.incrementAndGet();
            return REPLAY.apply(p);
        };
        java.util.function.LongConsumer clientGone = n -> {
            throw new java.io.UncheckedIOException(new java.io.IOException("the client left"));
        };
        try (Impact impact = new Impact(counting, 2, null, 30, clientGone, 10)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
                for (int i = 0; i < 10_000; i++) {
                    impact.accept(new Impact.Recorded(String.format("D%05d", i), "{\"submittedOn\":\"2024-03-01\",\"title\":\"same\"}", answered));
                }
                impact.finish();
            }).isInstanceOf(java.util.concurrent.CancellationException.class).hasMessageContaining("the client left");
        }
        assertThat(replayed.get()).as("the replays after the first progress line, at most those queued then").isLessThan(100);
    }

    private static Verdict verdict(Outcome outcome, int maxSubsidy) {
        BigDecimal max = BigDecimal.valueOf(maxSubsidy);
        return new Verdict("x", "906", "v", "sha256:0", outcome, List.of(), List.of(), new FinancingPlan(max, max, null, BigDecimal.ZERO));
    }
}
