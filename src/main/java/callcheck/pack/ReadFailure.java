package callcheck.pack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Why a file could not be read, in words that name no path: an {@link IOException}'s message is the absolute path of
 * the file, which has no place in the unauthenticated {@code /health} (the error that carries it names the file
 * relative to the rules folder already).
 */
public final class ReadFailure {
    private ReadFailure() {
    }

    public static String reason(Throwable e) {
        Throwable t = e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : e;
        if (t instanceof NoSuchFileException) return "it is gone (removed or renamed while it was read)";
        if (t instanceof AccessDeniedException) return "permission denied";
        if (t instanceof NotDirectoryException) return "not a folder";
        if (t instanceof FileSystemException f) return f.getReason() == null ? "the file system refused it" : f.getReason();
        if (t instanceof IOException) return "an input/output error (" + t.getClass().getSimpleName() + ")";
        return "it changed while it was read (" + t.getClass().getSimpleName() + ")";
    }
}
