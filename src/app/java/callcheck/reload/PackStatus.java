package callcheck.reload;

import callcheck.engine.CompileError;

import java.time.Instant;
import java.util.List;

/**
 * Where one pack version folder stands after its last reload attempt.
 *
 * @param call             the call id (the folder's parent)
 * @param version          the version folder's name
 * @param state            whether the folder's latest files are what serves
 * @param servingDigest    the digest of the version that serves, null when none does
 * @param lastAttempt      when the folder was last compiled (or, at start, loaded)
 * @param lastReloadMillis how long that compile plus the call's examples took
 * @param errors           why the latest files do not serve: compile errors with file (relative to the rules folder)
 *                         and line, or the example files (under the examples folder as given) whose verdict or
 *                         findings they change; empty when they serve
 */
public record PackStatus(String call, String version, State state, String servingDigest, Instant lastAttempt,
                         long lastReloadMillis, List<CompileError> errors) {

    public enum State {
        /** The folder's latest files compiled, kept every example's verdict and serve. */
        SERVING,
        /** The latest files do not compile; the last good version (if any) still serves. */
        FAILED,
        /** The latest files compile but change an example's verdict; the last good version (if any) still serves. */
        REFUSED
    }

    public PackStatus {
        errors = List.copyOf(errors);
    }

    /** The folder relative to the rules folder: {@code 507/2020-07-14}. */
    public String folder() {
        return call + "/" + version;
    }
}
