package callcheck.store;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class H2StoreTest extends DecisionStoreContract {
    @TempDir
    Path data;
    @TempDir
    Path older;

    @Override
    DecisionStore open() {
        return DecisionStore.open(null, data);
    }

    @Override
    String olderDatabase() {
        return "jdbc:h2:file:" + older.resolve("callcheck"); // where the embedded store keeps its file
    }

    @Override
    DecisionStore openOlder() {
        return DecisionStore.open(null, older);
    }
}
