package callcheck.store;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class H2StoreTest extends DecisionStoreContract {
    @TempDir
    Path data;

    @Override
    DecisionStore open() {
        return DecisionStore.open(null, data);
    }
}
