package callcheck.http;

import callcheck.store.DecisionStore;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class H2IdempotencyTest extends IdempotencyContract {
    @TempDir
    Path data;

    @Override
    DecisionStore open() {
        return DecisionStore.open(null, data);
    }
}
