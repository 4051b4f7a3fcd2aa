package callcheck.pack;

/** One problem that keeps a pack from loading, located in a file of the rules folder (line 0: unknown). */
public record CompileError(String file, int line, int column, String message) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
