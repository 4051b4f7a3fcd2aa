package callcheck.http;

import callcheck.engine.EngineBusyException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The process's memory budget: shared by the requests in flight, given back when each is answered. */
class MemoryBudgetTest {
    private static final long MB = 1024 * 1024;

    @Test
    void a_request_that_finds_the_budget_held_is_busy_and_passes_once_it_is_given_back() {
        MemoryBudget budget = new MemoryBudget(10 * MB);
        MemoryBudget.Reservation first = budget.open();
        first.accept(8 * MB);
        MemoryBudget.Reservation second = budget.open();
        second.accept(MB);
        assertThatThrownBy(() -> second.accept(2 * MB)).isInstanceOf(EngineBusyException.class);
        first.close();
        MemoryBudget.Reservation third = budget.open();
        third.accept(9 * MB - 1); // with the 1 MB the second holds, the whole budget less a byte
        second.close();
        third.close();
        budget.open().accept(10 * MB); // all of it was given back
    }

    @Test
    void a_request_that_alone_needs_more_than_the_whole_budget_is_too_large() {
        MemoryBudget budget = new MemoryBudget(10 * MB);
        try (MemoryBudget.Reservation r = budget.open()) {
            r.accept(6 * MB);
            assertThatThrownBy(() -> r.accept(5 * MB)).isInstanceOfSatisfying(ApiError.class, e -> {
                assertThat(e.status()).isEqualTo(413);
                assertThat(e.code()).isEqualTo("body_too_large");
            });
        }
        try (MemoryBudget.Reservation r = budget.open()) {
            r.accept(10 * MB); // the failed one held nothing after its close
        }
    }
}
