package callcheck.engine;

import java.time.Duration;

/**
 * No evaluation could start: every evaluation slot stayed taken for the time a caller may wait for one, or too many
 * abandoned evaluations are still stuck in a rule. Nothing was evaluated; the same call may succeed later.
 */
public final class EngineBusyException extends CallcheckException {
    /** How long a caller should wait before trying again. */
    private final Duration retryAfter;

    /**
     * @param message    why no evaluation could start
     * @param retryAfter how long a caller should wait before trying again
     */
    public EngineBusyException(String message, Duration retryAfter) {
        super(ErrorCode.BUSY, message);
        this.retryAfter = retryAfter;
    }

    /** @return how long to wait before trying again */
    public Duration retryAfter() {
        return retryAfter;
    }
}
