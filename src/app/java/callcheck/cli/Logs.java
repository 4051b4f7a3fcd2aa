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
     * How long a stop waits for a queue to be written (until its worker is idle, then for logback's stop): only a stderr
     * that nobody reads at all takes this long; a slow reader on a loaded machine can take more than a minute over a
     * full queue, so the bound is not one minute.
     */
    private static final int STOP_WAIT_MILLIS = 600_000;

    private Logs() {
    }

    /** Writes out what is queued, then stops logging; later calls do nothing. */
    static void drain() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) return;
        for (AsyncAppenderBase<ILoggingEvent> queue : asyncAppenders(context)) {
            awaitWritten(queue);
            queue.setMaxFlushTime(STOP_WAIT_MILLIS);
            queue.stop(); // returns once its worker wrote every line, before the console it writes to stops
        }
        context.stop();
    }

    /**
     * Waits until the queue's worker has written everything and waits for more, before it is stopped: stopping
     * interrupts the worker and leaves the rest to logback's last pass over the queue, which under load lost a few lines
     * (DecisionLogOnStopTest: 1997 of 2000) with no status on stderr. Gives up after {@link #STOP_WAIT_MILLIS}.
     */
    private static void awaitWritten(AsyncAppenderBase<ILoggingEvent> queue) {
        Thread worker = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("AsyncAppender-Worker-" + queue.getName())).findFirst().orElse(null);
        long deadline = System.nanoTime() + STOP_WAIT_MILLIS * 1_000_000L;
        int idle = 0;
        // Idle twice in a row: an empty queue alone does not say that the worker has written the batch it took.
        while (idle < 2 && System.nanoTime() < deadline) {
            boolean waiting = queue.getNumberOfElementsInQueue() == 0 && (worker == null || worker.getState() == Thread.State.WAITING);
            idle = waiting ? idle + 1 : 0;
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
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
