package callcheck.http;

import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes the connections whose request headers are not complete {@link #HEADER_TIMEOUT} after their first byte. The
 * idle timeout applies to each read, so a client sending a byte of headers every few seconds would otherwise hold
 * its connection forever, and Jetty 12 has no bound of its own on the time to send headers. Checked every
 * {@link #SWEEP} over the connector's open connections, from the time Jetty's parser noted the request began.
 */
final class ConnectionGuard extends AbstractLifeCycle {
    /**
     * The time a client has to send the request line and headers: any ordinary client sends them in one packet, in
     * milliseconds; 10 s leaves a slow mobile link room and stays far under what 300 trickling clients would hold.
     */
    static final Duration HEADER_TIMEOUT = Duration.ofSeconds(10);
    /** How often the connections are checked: a slow client is closed at most this long after its time is up. */
    static final Duration SWEEP = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);

    private final AbstractConnector connector;
    private volatile Scheduler.Task next;

    ConnectionGuard(AbstractConnector connector) {
        this.connector = connector;
    }

    @Override
    protected void doStart() {
        schedule();
    }

    @Override
    protected void doStop() {
        Scheduler.Task task = next;
        if (task != null) task.cancel();
    }

    private void schedule() {
        if (isRunning() || isStarting()) next = connector.getScheduler().schedule(this::sweep, SWEEP.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        try {
            for (EndPoint endPoint : connector.getConnectedEndPoints()) {
                // Jetty's own HTTP/1.1 connection: the only one this service speaks, and the only one with a parser to ask.
                if (endPoint.getConnection() instanceof HttpConnection http && headersOverdue(http.getParser())) {
                    LOG.info("closed a connection from {}: its request headers were not complete after {} s", endPoint.getRemoteSocketAddress(),
                            HEADER_TIMEOUT.toSeconds());
                    endPoint.close();
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("could not check the connections for slow headers: {}", e.toString());
        } finally {
            schedule();
        }
    }

    /** A request begun (a first byte came) whose headers are still being read after the timeout. */
    private static boolean headersOverdue(HttpParser parser) {
        long begin = parser.getBeginNanoTime();
        return parser.inHeaderState() && !parser.isStart() && begin != 0 && NanoTime.millisSince(begin) > HEADER_TIMEOUT.toMillis();
    }
}
