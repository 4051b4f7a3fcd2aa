/**
 * The application, not the library: the {@code callcheck} command line (serve, check, test, validate, rules, diff).
 * It needs the optional dependencies (picocli, logback, and the server's) that the runnable jar carries; an
 * application embedding the engine leaves them out. Not API: may change in any release.
 */
package callcheck.cli;
