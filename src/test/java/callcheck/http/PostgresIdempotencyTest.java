package callcheck.http;

import callcheck.store.DecisionStore;
import callcheck.support.Postgres;

class PostgresIdempotencyTest extends IdempotencyContract {
    @Override
    DecisionStore open() {
        return DecisionStore.open(Postgres.server().newDatabase(), null);
    }
}
