package callcheck.store;

import callcheck.support.Postgres;

class PostgresStoreTest extends DecisionStoreContract {
    @Override
    DecisionStore open() {
        return DecisionStore.open(Postgres.server().newDatabase(), null);
    }
}
