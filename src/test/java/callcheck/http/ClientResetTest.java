package callcheck.http;

import callcheck.support.Await;
import callcheck.support.HangingPack;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A client that resets its connection once its request is sent is one INFO line in the log, not an ERROR and a stack trace. */
class ClientResetTest {
    private static final int CLIENTS = 3;

    @Test
    void aClientResetAfterItsBodyIsOneInfoLine() throws Exception {
        // A rule that sleeps until the time budget: the answer is written well after the client is gone.
        String body = HangingPack.json("SLEEP");
        byte[] request = ("POST /v1/calls/997/evaluations HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Accept-Encoding: gzip\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        root.addAppender(log);
        try (TestServer api = TestServer.start(HangingPack.engine(HangingPack.limits(Duration.ofMillis(300))), Map.of())) {
            for (int i = 1; i <= CLIENTS; i++) {
                try (Socket s = new Socket("127.0.0.1", api.base.getPort())) {
                    OutputStream out = s.getOutputStream();
                    out.write(request);
                    out.flush();
                    s.setSoLinger(true, 0); // close with a reset, as a client that gives up does
                }
                int done = i;
                // A request is over when the server counts it (its request log runs once the answer is over).
                Await.until(done + " requests counted", () -> api.get("/metrics").body().lines()
                        .filter(l -> l.startsWith("http_server_requests_seconds_count") && l.contains("/v1/calls/{call}/evaluations"))
                        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum() >= done);
            }
        } finally {
            root.detachAppender(log);
        }
        List<ILoggingEvent> events = List.copyOf(log.list);
        assertThat(events).noneMatch(e -> e.getLevel() == Level.ERROR);
        assertThat(events).noneMatch(e -> e.getThrowableProxy() != null);
        List<ILoggingEvent> resets = events.stream().filter(e -> e.getFormattedMessage().contains("closed the connection")).toList();
        assertThat(resets).hasSize(CLIENTS).allMatch(e -> e.getLevel() == Level.INFO);
    }
}
