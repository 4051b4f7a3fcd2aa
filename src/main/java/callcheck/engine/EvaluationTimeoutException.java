package callcheck.engine;

import java.time.Duration;

/**
 * An evaluation ran past its time budget and was abandoned: a rule loops or waits on this proposal. It names the rule
 * that was firing (or, when the time went into matching rather than a consequence, the last one that fired).
 */
public final class EvaluationTimeoutException extends CallcheckException {
    /** The call evaluated. */
    private final String call;
    /** The pack version evaluated. */
    private final String version;
    /** The rule firing when the budget ran out, or null. */
    private final String rule;
    /** The budget that ran out. */
    private final Duration budget;

    /**
     * @param call    the call evaluated
     * @param version the pack version evaluated
     * @param rule    the DRL name of the rule firing when the budget ran out, or null
     * @param budget  the time budget that ran out
     */
    public EvaluationTimeoutException(String call, String version, String rule, Duration budget) {
        super(ErrorCode.EVALUATION_TIMEOUT, "the evaluation with " + call + "/" + version + " took longer than its budget of " + budget.toMillis() + " ms"
                + (rule == null ? " before any rule fired" : "; rule " + rule + " was firing") + ", and was abandoned");
        this.call = call;
        this.version = version;
        this.rule = rule;
        this.budget = budget;
    }

    /** @return the call evaluated */
    public String call() {
        return call;
    }

    /** @return the pack version evaluated */
    public String version() {
        return version;
    }

    /** @return the DRL name of the rule firing when the budget ran out; null when none had fired yet */
    public String rule() {
        return rule;
    }

    /** @return the time budget that ran out */
    public Duration budget() {
        return budget;
    }
}
