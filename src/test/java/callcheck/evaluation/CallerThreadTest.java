package callcheck.evaluation;

import callcheck.engine.EngineBusyException;
import callcheck.engine.EngineClosedException;
import callcheck.engine.EvaluationTimeoutException;
import callcheck.engine.Outcome;
import callcheck.pack.RulePack;
import callcheck.support.Await;
import callcheck.support.HaltingPack;
import callcheck.support.HangingPack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static callcheck.support.HangingPack.titled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With a budget, a pack whose rules a halt stops runs on the caller's thread (no hand-over to a worker), watched; any
 * other pack, or a proposal with long lists, runs on a worker that the caller can be given up on (EvaluatorTest).
 */
class CallerThreadTest {
    private static final Duration BUDGET = Duration.ofMillis(200);
    private final Evaluator evaluator = new Evaluator(HangingPack.limits(BUDGET));

    @AfterEach
    void close() {
        evaluator.close(Duration.ofSeconds(1));
        Thread.interrupted();
    }

    private Thread threadOf(RulePack pack, boolean fewItems) {
        AtomicReference<Thread> ran = new AtomicReference<>();
        evaluator.run(pack, fewItems, run -> {
            ran.set(Thread.currentThread());
            return null;
        });
        return ran.get();
    }

    @Test
    void aPackAHaltStopsRunsOnTheCallersThreadAnyOtherOnAWorker() {
        RulePack halting = HaltingPack.pack();
        RulePack hanging = HangingPack.pack();
        assertThat(halting.unstoppable()).isNull();
        assertThat(hanging.unstoppable()).contains("hang.drl", "callcheck.support.Hang");

        assertThat(threadOf(halting, true)).isSameAs(Thread.currentThread());
        assertThat(threadOf(halting, false)).isNotSameAs(Thread.currentThread()); // long lists: a worker
        assertThat(threadOf(hanging, true)).isNotSameAs(Thread.currentThread());
    }

    @Test
    void aProposalWithLongListsGoesToAWorker() {
        assertThat(PackEngine.fewItems(withPartners(PackEngine.CALLER_THREAD_ITEMS))).isTrue();
        assertThat(PackEngine.fewItems(withPartners(PackEngine.CALLER_THREAD_ITEMS + 1))).isFalse();
    }

    private static callcheck.model.Proposal withPartners(int n) {
        StringBuilder partners = new StringBuilder();
        for (int i = 0; i < n; i++) partners.append(i == 0 ? "" : ",").append("{\"name\": \"P").append(i).append("\"}");
        String json = "{\"submittedOn\": \"2020-01-02\", \"title\": \"fine\", \"partners\": [" + partners + "]}";
        return callcheck.model.ProposalReader.read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void anEndlessAgendaOnTheCallersThreadIsHaltedAtItsBudgetAndNamed() {
        PackEngine engine = HaltingPack.engine(HangingPack.limits(BUDGET));
        assertThatThrownBy(() -> engine.evaluate(HaltingPack.CALL, null, titled("AGENDA-LOOP")))
                .isInstanceOfSatisfying(EvaluationTimeoutException.class, e -> {
                    assertThat(e.rule()).isEqualTo("993-AGENDA-LOOP");
                    assertThat(e.budget()).isEqualTo(BUDGET);
                });
        // The watchdog's interrupt does not reach the caller's next work, and nothing is left stuck.
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(engine.evaluator().stats().stuck()).isZero();
        assertThat(engine.evaluator().stats().timeouts()).isEqualTo(1);
        assertThat(engine.evaluator().stats().degraded()).isTrue();
        assertThat(engine.evaluate(HaltingPack.CALL, null, titled("fine")).findings()).extracting(f -> f.rule()).containsExactly("993-SEEN");
    }

    @Test
    void aWaitOnTheCallersThreadIsInterruptedAtItsBudget() {
        RulePack pack = HaltingPack.pack();
        pack.warmed();
        assertThatThrownBy(() -> evaluator.run(pack, true, run -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                throw new IllegalStateException("woken", e); // as Drools wraps what a consequence throws
            }
            return null;
        })).isInstanceOf(EvaluationTimeoutException.class);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(evaluator.stats().stuck()).isZero();
    }

    @Test
    void aCallersOwnInterruptIsKeptAndRefusedAsBusy() {
        RulePack pack = HaltingPack.pack();
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> threadOf(pack, true)).isInstanceOf(EngineBusyException.class).hasMessageContaining("interrupted");
        assertThat(Thread.interrupted()).isTrue();
    }

    @Test
    void closingStopsAnEvaluationOnItsCallersThreadAtOnce() throws Exception {
        RulePack pack = HaltingPack.pack();
        Evaluator unbounded = new Evaluator(HangingPack.limits(Duration.ofMinutes(10)));
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Object> running = CompletableFuture.supplyAsync(() -> unbounded.run(pack, true, run -> {
            started.countDown();
            while (!Thread.currentThread().isInterrupted()) Thread.onSpinWait();
            throw new IllegalStateException("interrupted");
        }));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(unbounded.close(Duration.ofSeconds(5))).isEmpty();
        assertThatThrownBy(() -> running.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(EngineClosedException.class);
    }
}
