package callcheck.engine;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

import java.time.Instant;

/**
 * An evaluation given up (past its time budget, or when the engine closed) whose rule still runs on its thread: a
 * consequence that loops without ever looking at its thread's interrupt cannot be stopped in Java, only left. Each
 * holds a thread (and a core, if it spins) until the rule returns or the process ends; fix the rule.
 *
 * @param call    the call evaluated
 * @param version the pack version evaluated
 * @param rule    the DRL name of the rule firing (or the last that fired), or null when none had fired
 * @param started when the evaluation started
 */
public record StuckEvaluation(String call, String version, String rule, @JsonSerialize(using = ToStringSerializer.class) Instant started) {
    @Override
    public String toString() {
        return call + "/" + version + (rule == null ? " before any rule fired" : " in rule " + rule) + ", started " + started;
    }
}
