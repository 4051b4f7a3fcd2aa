package callcheck.store;

import callcheck.support.Postgres;

class PostgresStoreTest extends DecisionStoreContract {
    private String older;

    @Override
    DecisionStore open() {
        return DecisionStore.open(Postgres.server().newDatabase(), null);
    }

    @Override
    String olderDatabase() {
        older = Postgres.server().newDatabase();
        return older;
    }

    @Override
    DecisionStore openOlder() {
        return DecisionStore.open(older, null);
    }
}
