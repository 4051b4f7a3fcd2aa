package callcheck.engine;

import java.util.List;
import java.util.stream.Collectors;

/** A pack that does not load: every error found, each with its file and line. */
public final class PackException extends RuntimeException {
    private final List<CompileError> errors;

    public PackException(List<CompileError> errors) {
        super(errors.stream().map(CompileError::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public PackException(String file, String message) {
        this(List.of(new CompileError(file, 0, 0, message)));
    }

    public List<CompileError> errors() {
        return errors;
    }
}
