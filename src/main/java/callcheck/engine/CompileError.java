package callcheck.engine;

/**
 * One problem that keeps a pack from loading, located in a file of the rules folder. Line and column count from 1;
 * 0 means unknown (line 0: the problem concerns the whole file).
 *
 * @param file    the file at fault, relative to the rules folder with {@code /} as separator (such as
 *                {@code 507/2020-07-14/financing.drl}); a folder or class-path name when no single file is
 * @param line    the line, from 1; 0 when unknown or the whole file is at fault
 * @param column  the column, from 1; 0 when unknown
 * @param message what is wrong, in English, on one line
 * @param detail  the compiler's own words when {@code message} says them plainly, for the rare case the plain words
 *                miss the point; null when the message is the compiler's own or was written here
 */
public record CompileError(String file, int line, int column, String message, String detail) {
    /**
     * An error with no separate detail.
     *
     * @param file    the file at fault, relative to the rules folder
     * @param line    the line, from 1; 0 when unknown
     * @param column  the column, from 1; 0 when unknown
     * @param message what is wrong
     */
    public CompileError(String file, int line, int column, String message) {
        this(file, line, column, message, null);
    }

    /**
     * The same error with its file given under a folder, e.g. the rules folder as the user named it.
     *
     * @param folder the folder to resolve {@link #file()} against
     * @return a new error whose file is {@code folder/file}, with {@code /} as separator
     */
    public CompileError under(java.nio.file.Path folder) {
        return new CompileError(folder.resolve(file).toString().replace('\\', '/'), line, column, message, detail);
    }

    /** {@code file:line:col: message}, the form editors and terminals open at the place; without the unknown parts. */
    @Override
    public String toString() {
        if (line <= 0) return file + ": " + message;
        return file + ":" + line + (column > 0 ? ":" + column : "") + ": " + message;
    }
}
