package callcheck.pack;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

import static org.assertj.core.api.Assertions.assertThat;

/** What /health may say of a file that could not be read: why, never its absolute path. */
class ReadFailureTest {
    private static final String SECRET = "/home/agency/secret-folder/rules/507/2020-07-14/pack.yaml";

    @Test
    void aReasonNamesNoPath() {
        for (Throwable e : new Throwable[]{new NoSuchFileException(SECRET), new AccessDeniedException(SECRET),
                new UncheckedIOException(new NoSuchFileException(SECRET)), new IOException(SECRET), new IllegalStateException(SECRET)}) {
            assertThat(ReadFailure.reason(e)).as(e.toString()).doesNotContain("secret-folder").isNotBlank();
        }
        assertThat(ReadFailure.reason(new NoSuchFileException(SECRET))).contains("gone");
        assertThat(ReadFailure.reason(new AccessDeniedException(SECRET))).isEqualTo("permission denied");
    }
}
