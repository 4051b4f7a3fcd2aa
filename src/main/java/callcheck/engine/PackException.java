package callcheck.engine;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A pack that does not load: every error found, each with its file and line. The message lists them one a line, in
 * the form of {@link CompileError#toString()}.
 */
public final class PackException extends CallcheckException {
    /** Every error found, in the order found; never empty. */
    private final List<CompileError> errors;

    /**
     * A failure with every error found.
     *
     * @param errors the errors, at least one; copied
     */
    public PackException(List<CompileError> errors) {
        super(ErrorCode.PACK, errors.stream().map(CompileError::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    /**
     * A failure with one error that concerns a whole file or folder.
     *
     * @param file    the file or folder at fault
     * @param message what is wrong
     */
    public PackException(String file, String message) {
        this(List.of(new CompileError(file, 0, 0, message)));
    }

    /**
     * Every error that keeps the packs from loading, to show or to mark in an editor.
     *
     * @return the errors, unmodifiable, never empty
     */
    public List<CompileError> errors() {
        return errors;
    }
}
