package callcheck.engine;

/**
 * One problem that keeps a pack from loading, located in a file of the rules folder. Line and column count from 1;
 * 0 means unknown (line 0: the problem concerns the whole file).
 */
public record CompileError(String file, int line, int column, String message) {
    /** The same error with its file given under a folder, e.g. the rules folder as the user named it. */
    public CompileError under(java.nio.file.Path folder) {
        return new CompileError(folder.resolve(file).toString().replace('\\', '/'), line, column, message);
    }

    /** {@code file:line:col: message}, the form editors and terminals open at the place; without the unknown parts. */
    @Override
    public String toString() {
        if (line <= 0) return file + ": " + message;
        return file + ":" + line + (column > 0 ? ":" + column : "") + ": " + message;
    }
}
