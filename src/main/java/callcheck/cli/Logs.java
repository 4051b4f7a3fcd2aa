package callcheck.cli;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/** The end of logging in this process: lines still queued by an asynchronous appender are written before exit. */
final class Logs {
    private Logs() {
    }

    /** Writes out what is queued (logback.xml bounds the wait) and stops logging; later calls do nothing. */
    static void drain() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) context.stop();
    }
}
