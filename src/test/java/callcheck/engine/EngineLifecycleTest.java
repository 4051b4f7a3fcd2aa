package callcheck.engine;

import callcheck.support.Await;
import callcheck.support.Hang;
import callcheck.support.HangingPack;
import callcheck.support.RulesCopy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static callcheck.support.HangingPack.CALL;
import static callcheck.support.HangingPack.titled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Closing an engine whatever its rules do, with the spinning rule of test call 997 ({@link HangingPack}). The
 * generous {@code assertTimeoutPreemptively} only detects a close that hangs; it measures nothing.
 */
class EngineLifecycleTest {
    /** Far above {@link Engine#CLOSE_WAIT}: reached only when close hangs. */
    private static final Duration HANGS = Duration.ofSeconds(60);
    private static final Duration BUDGET = Duration.ofMillis(200);

    @TempDir
    Path rules;

    @BeforeEach
    void rulesWithTheHangingCall() {
        Hang.hold();
        RulesCopy.copyTree(LibraryTest.FIXTURE, rules);
        HangingPack.copyInto(rules);
    }

    @AfterEach
    void release() {
        Hang.release();
        Await.until("the spinning rules to return", () -> Hang.spinning() == 0);
    }

    private Engine warmEngine(Duration budget) {
        Engine engine = Engine.load(rules, EngineOptions.builder().evaluationBudget(budget).build());
        assertThat(engine.evaluate(CALL, titled("warm-up")).verdict()).isEqualTo(Outcome.ELIGIBLE);
        return engine;
    }

    @Test
    void close_returns_after_a_rule_has_spun_past_its_budget_and_reports_it() {
        Engine engine = warmEngine(BUDGET);
        assertThatThrownBy(() -> engine.evaluate(CALL, titled("LOOP-SPIN"))).isInstanceOf(EvaluationTimeoutException.class);
        assertThat(engine.stuckEvaluations()).singleElement().satisfies(s -> {
            assertThat(s.call()).isEqualTo(CALL);
            assertThat(s.rule()).isEqualTo("997-SPIN");
        });

        assertTimeoutPreemptively(HANGS, engine::close);
        assertThat(Hang.spinning()).as("the rule is left to spin, not waited for").isEqualTo(1);
        assertThatThrownBy(() -> engine.evaluate(CALL, titled("fine")))
                .isExactlyInstanceOf(EngineClosedException.class).hasMessageContaining("closed");
        assertTimeoutPreemptively(HANGS, engine::close); // again: nothing to do
    }

    @Test
    void without_a_budget_close_returns_while_a_rule_spins_on_the_callers_thread_whose_evaluation_then_fails_typed() {
        Engine engine = warmEngine(Duration.ZERO);
        CompletableFuture<Verdict> spinning = CompletableFuture.supplyAsync(() -> engine.evaluate(CALL, titled("LOOP-SPIN")));
        Await.until("the rule to spin", () -> Hang.spinning() == 1);

        assertTimeoutPreemptively(HANGS, engine::close);
        assertThat(engine.stuckEvaluations()).extracting(StuckEvaluation::rule).containsExactly("997-SPIN");
        Hang.release();
        // Halted by close, its rules did not all fire: no verdict comes of it.
        assertThatThrownBy(spinning::join).isInstanceOf(CompletionException.class)
                .cause().isExactlyInstanceOf(EngineClosedException.class);
    }

    @Test
    void a_rule_that_spins_with_the_default_options_costs_its_caller_the_default_budget_not_its_thread() {
        assertThat(EngineOptions.defaults().evaluationBudget()).isEqualTo(EngineOptions.DEFAULT_EVALUATION_BUDGET);
        Engine engine = Engine.load(rules);
        engine.evaluate(CALL, titled("warm-up"));
        assertTimeoutPreemptively(HANGS, () -> assertThatThrownBy(() -> engine.evaluate(CALL, titled("LOOP-SPIN")))
                .isInstanceOfSatisfying(EvaluationTimeoutException.class,
                        e -> assertThat(e.budget()).isEqualTo(EngineOptions.DEFAULT_EVALUATION_BUDGET)));
        assertTimeoutPreemptively(HANGS, engine::close);
    }

    @Test
    void once_eight_evaluations_are_stuck_the_engine_is_busy_and_a_new_engine_is_the_way_out() {
        Engine engine = warmEngine(BUDGET);
        for (int i = 0; i < 8; i++) {
            assertThatThrownBy(() -> engine.evaluate(CALL, titled("LOOP-SPIN"))).isInstanceOf(EvaluationTimeoutException.class);
        }
        assertThatThrownBy(() -> engine.evaluate(CALL, titled("fine"))).isInstanceOfSatisfying(EngineBusyException.class, e ->
                assertThat(e.getMessage()).contains("8 evaluations are stuck", "closed and a new one loaded").doesNotContain("service"));
        assertThat(engine.stuckEvaluations()).hasSize(8);

        assertTimeoutPreemptively(HANGS, engine::close);
        try (Engine next = Engine.load(rules, EngineOptions.builder().evaluationBudget(BUDGET).build())) {
            assertThat(next.evaluate(CALL, titled("fine")).verdict()).isEqualTo(Outcome.ELIGIBLE);
        }
    }

    @Test
    void evaluations_running_while_the_engine_closes_end_in_a_verdict_or_the_typed_exception_never_in_drools_own() throws Exception {
        Engine engine = Engine.load(LibraryTest.FIXTURE);
        AtomicBoolean closing = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Throwable>>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(() -> {
                    List<Throwable> thrown = new ArrayList<>();
                    for (int i = 0; i < 100_000 && thrown.size() < 20; i++) {
                        try {
                            engine.evaluate("900", LibraryTest.proposal("8000"));
                        } catch (RuntimeException e) {
                            thrown.add(e);
                        }
                        if (i == 20) closing.set(true);
                    }
                    return thrown;
                }));
            }
            Await.until("evaluations to run", closing::get);
            assertTimeoutPreemptively(HANGS, engine::close);
            List<Throwable> thrown = new ArrayList<>();
            for (Future<List<Throwable>> run : runs) thrown.addAll(run.get());
            assertThat(thrown).isNotEmpty().allSatisfy(e -> assertThat(e).isExactlyInstanceOf(EngineClosedException.class));
        } finally {
            pool.shutdownNow();
        }
    }
}
