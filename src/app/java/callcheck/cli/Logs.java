package callcheck.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AsyncAppenderBase;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The end of logging in this process: every line an asynchronous appender accepted is written before exit.
 *
 * <p>Stopping logback's context stops an asynchronous appender with its maxFlushTime (5 s in logback.xml), after which
 * its worker is abandoned with what it still holds: its worker takes the queue in batches, so with stderr read slowly
 * thousands of accepted lines were lost. The asynchronous appenders are stopped first, each waiting for its worker to
 * write everything out for up to {@link #STOP_WAIT_MILLIS}, and only then the rest of logging.
 */
final class Logs {
    /**
     * How long a stop waits for a queue to be written: only a stderr that nobody reads at all takes this long. Not one
     * minute: the wait is for the whole queue, and a reader that is merely slow (1,500 queued lines read 4 ms apart on
     * a loaded machine, where each 4 ms sleep took some 40) needed more; the worker was then abandoned mid-queue and
     * logging stopped under it, so the last lines were lost without a word (DecisionLogOnStopTest: 1998 of 2000).
     */
    private static final int STOP_WAIT_MILLIS = 600_000;

    private Logs() {
    }

    /** Writes out what is queued, then stops logging; later calls do nothing. */
    static void drain() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) return;
        for (AsyncAppenderBase<ILoggingEvent> queue : asyncAppenders(context)) {
            queue.setMaxFlushTime(STOP_WAIT_MILLIS);
            queue.stop(); // returns once its worker wrote every line, before the console it writes to stops
        }
        context.stop();
    }

    private static List<AsyncAppenderBase<ILoggingEvent>> asyncAppenders(LoggerContext context) {
        List<AsyncAppenderBase<ILoggingEvent>> out = new ArrayList<>();
        for (Logger logger : context.getLoggerList()) {
            for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
                if (it.next() instanceof AsyncAppenderBase<ILoggingEvent> a && a.isStarted() && !out.contains(a)) out.add(a);
            }
        }
        return out;
    }
}
