package callcheck.evaluation;

import callcheck.engine.EngineBusyException;
import callcheck.engine.EvaluationTimeoutException;
import callcheck.engine.Outcome;
import callcheck.engine.Verdict;
import callcheck.support.Await;
import callcheck.support.Hang;
import callcheck.support.HangingPack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static callcheck.support.HangingPack.CALL;
import static callcheck.support.HangingPack.titled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The time budget, the bounded wait for a slot and the bound on stuck evaluations, with the hanging rules of call 997. */
class EvaluatorTest {
    private static final Duration BUDGET = Duration.ofMillis(200);

    @BeforeEach
    void hold() {
        Hang.hold();
    }

    @AfterEach
    void release() {
        Hang.release();
        Await.until("the spinning rules to return", () -> Hang.spinning() == 0);
    }

    @Test
    void aSleepingRuleIsInterruptedAtItsBudgetAndNamed() {
        PackEngine engine = HangingPack.engine(HangingPack.limits(BUDGET));
        assertThatThrownBy(() -> engine.evaluate(CALL, null, titled("SLEEP")))
                .isInstanceOfSatisfying(EvaluationTimeoutException.class, e -> {
                    assertThat(e.rule()).isEqualTo("997-SLEEP");
                    assertThat(e.getMessage()).contains("997-SLEEP", "200 ms");
                });
        // Interrupted, the rule returns: the thread is not left stuck, and the next evaluation gets the one slot.
        Await.until("the interrupted evaluation to end", () -> engine.evaluator().stats().stuck() == 0);
        assertThat(engine.evaluate(CALL, null, titled("fine")).verdict()).isEqualTo(Outcome.ELIGIBLE);
        assertThat(engine.evaluator().stats().timeouts()).isEqualTo(1);
        assertThat(engine.evaluator().stats().degraded()).isTrue();
    }

    @Test
    void aSpinningRuleIsAbandonedItsSlotFreedAndStuckThreadsAreBounded() {
        PackEngine engine = HangingPack.engine(HangingPack.limits(BUDGET));
        assertThatThrownBy(() -> engine.evaluate(CALL, null, titled("LOOP-SPIN")))
                .isInstanceOfSatisfying(EvaluationTimeoutException.class, e -> assertThat(e.rule()).isEqualTo("997-SPIN"));
        assertThat(engine.evaluator().stats().stuck()).isEqualTo(1);
        // The one slot is free again although the rule still spins on its thread.
        Verdict v = engine.evaluate(CALL, null, titled("fine"));
        assertThat(v.verdict()).isEqualTo(Outcome.ELIGIBLE);
        assertThat(v.findings()).extracting(f -> f.rule()).containsExactly("997-SEEN");

        assertThatThrownBy(() -> engine.evaluate(CALL, null, titled("LOOP-SPIN"))).isInstanceOf(EvaluationTimeoutException.class);
        assertThat(engine.evaluator().stats().stuck()).isEqualTo(2);
        // Two stuck, the limit: no further thread is given to evaluations until they end.
        assertThatThrownBy(() -> engine.evaluate(CALL, null, titled("fine")))
                .isInstanceOf(EngineBusyException.class).hasMessageContaining("stuck");
        Hang.release();
        Await.until("the abandoned evaluations to end", () -> engine.evaluator().stats().stuck() == 0);
        assertThat(engine.evaluate(CALL, null, titled("fine")).verdict()).isEqualTo(Outcome.ELIGIBLE);
        assertThat(engine.evaluator().stats().timeouts()).isEqualTo(2);
    }

    @Test
    void waitingForASlotIsBounded() throws Exception {
        PackEngine engine = HangingPack.engine(HangingPack.limits(Duration.ofSeconds(30)));
        CompletableFuture<Verdict> holding = CompletableFuture.supplyAsync(() -> engine.evaluate(CALL, null, titled("LOOP-SPIN")));
        Await.until("the first evaluation to take the one slot", () -> Hang.spinning() == 1);
        assertThatThrownBy(() -> engine.evaluate(CALL, null, titled("fine")))
                .isInstanceOfSatisfying(EngineBusyException.class, e -> assertThat(e.retryAfter()).isPositive());
        Hang.release();
        assertThat(holding.get(20, TimeUnit.SECONDS).findings()).extracting(f -> f.rule()).contains("997-SPIN");
        assertThat(engine.evaluator().stats().timeouts()).isZero();
        assertThat(engine.evaluator().stats().degraded()).isFalse();
    }

    @Test
    void aPacksFirstEvaluationGetsAtLeastTheColdBudgetUntilOneSucceeds() {
        PackEngine engine = HangingPack.coldEngine(HangingPack.limits(BUDGET));
        assertThatThrownBy(() -> engine.evaluate(CALL, null, titled("SLEEP")))
                .isInstanceOfSatisfying(EvaluationTimeoutException.class, e -> assertThat(e.budget()).isEqualTo(Evaluator.COLD_BUDGET));
        Await.until("the interrupted evaluation to end", () -> engine.evaluator().stats().stuck() == 0);
        assertThat(engine.evaluate(CALL, null, titled("fine")).verdict()).isEqualTo(Outcome.ELIGIBLE);
        assertThatThrownBy(() -> engine.evaluate(CALL, null, titled("SLEEP")))
                .isInstanceOfSatisfying(EvaluationTimeoutException.class, e -> assertThat(e.budget()).isEqualTo(BUDGET));
    }

    @Test
    void withoutBudgetTheEvaluationRunsOnTheCallersThread() {
        PackEngine engine = HangingPack.engine(HangingPack.limits(Duration.ZERO));
        Thread caller = Thread.currentThread();
        assertThat(engine.evaluate(CALL, null, titled("fine")).verdict()).isEqualTo(Outcome.ELIGIBLE);
        assertThat(Thread.currentThread()).isSameAs(caller);
    }
}
