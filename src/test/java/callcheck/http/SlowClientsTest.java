package callcheck.http;

import callcheck.support.Await;
import callcheck.support.HangingPack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that send their body slowly, or not at all, are answered within bounded time and do not starve the others
 * of threads. Loopback only; counts and waits are bounded.
 */
class SlowClientsTest {
    private static final String BODY = HangingPack.json("fine");
    private static TestServer api;

    @BeforeAll
    static void start() {
        api = TestServer.start(HangingPack.engine(HangingPack.limits(Duration.ZERO)), Map.of());
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void aBodyShorterThanItsContentLengthIsAnsweredAtTheIdleTimeoutNotAfter30Seconds() throws IOException {
        try (Socket socket = connect()) {
            // 20 s: under Jetty's default idle timeout of 30 s, which this answer used to wait for.
            socket.setSoTimeout(20_000);
            send(socket, headers(100) + BODY.substring(0, 10));
            String answer = readAnswer(socket);
            assertThat(answer).startsWith("HTTP/1.1 400");
            assertThat(answer).contains("\"code\":\"unreadable\"", "Content-Length of 100");
        }
    }

    @Test
    void aBodyThatTricklesIsRefusedAs408() throws Exception {
        try (Socket socket = connect()) {
            socket.setSoTimeout(20_000);
            send(socket, headers(2_000));
            CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> readAnswer(socket));
            // One byte every 100 ms until answered: ten bytes a second, far under the minimum rate.
            for (int i = 0; i < 200 && !answer.isDone(); i++) {
                try {
                    send(socket, " ");
                } catch (IOException closed) {
                    break;
                }
                Thread.sleep(100);
            }
            assertThat(answer.get(20, TimeUnit.SECONDS)).startsWith("HTTP/1.1 408").contains("\"code\":\"body_too_slow\"");
        }
    }

    @Test
    void threeHundredTricklingClientsDoNotStarveTheOthers() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 300; i++) {
                Socket s = connect();
                send(s, headers(2_000) + " ");
                slow.add(s);
            }
            CompletableFuture<Void> trickle = CompletableFuture.runAsync(() -> {
                for (int round = 0; round < 60; round++) {
                    for (Socket s : slow) {
                        try {
                            send(s, " ");
                        } catch (IOException closed) {
                            // refused and closed by the server: as it should be
                        }
                    }
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            // Every ordinary request is answered while they trickle (the client's own timeout bounds each wait).
            for (int i = 0; i < 20; i++) {
                TestServer.Response r = api.postJson("/v1/calls/997/evaluations", BODY);
                assertThat(r.status()).isEqualTo(200);
            }
            trickle.cancel(true);
        } finally {
            for (Socket s : slow) s.close();
        }
    }

    @Test
    void clientsTricklingTheirHeadersAreClosedAtTheHeaderTimeoutWhileOthersAreServed() throws Exception {
        List<Socket> slow = new ArrayList<>();
        List<CompletableFuture<Void>> closed = new ArrayList<>();
        Thread trickle = null;
        try {
            for (int i = 0; i < 30; i++) {
                Socket s = connect();
                send(s, "GET /v1/calls HTTP/1.1\r\nHost: localhost\r\n");
                slow.add(s);
                closed.add(closedByServer(s));
            }
            // A header byte every 500 ms: never idle for the idle timeout, never done.
            trickle = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    for (Socket s : slow) {
                        try {
                            send(s, "x");
                        } catch (IOException gone) {
                            // closed by the server: as it should be
                        }
                    }
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            trickle.start();
            for (int i = 0; i < 10; i++) assertThat(api.postJson("/v1/calls/997/evaluations", BODY).status()).isEqualTo(200);
            // Await bounds the wait (a minute); without the bound on header time they would trickle on for ever.
            Await.until("every trickling client closed by the server", () -> closed.stream().allMatch(CompletableFuture::isDone));
            assertThat(api.postJson("/v1/calls/997/evaluations", BODY).status()).isEqualTo(200);
        } finally {
            if (trickle != null) trickle.interrupt();
            for (Socket s : slow) s.close();
        }
    }

    @Test
    void theConnectionsOpenAtOnceAreBoundedAndTheRestWaitTheirTurn() throws Exception {
        HttpServer limited = new HttpServer(HangingPack.engine(HangingPack.limits(Duration.ZERO)), Map.of()).maxConnections(10);
        int port = limited.start("127.0.0.1", 0);
        List<Socket> slow = new ArrayList<>();
        try {
            List<CompletableFuture<Void>> closed = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                Socket s = new Socket("127.0.0.1", port);
                send(s, "GET /v1/calls HTTP/1.1\r\nHost: localhost\r\n"); // and never the end of the headers
                slow.add(s);
                closed.add(closedByServer(s));
            }
            AtomicInteger most = new AtomicInteger();
            Await.until("every slow client closed by the server, ten at most at once", () -> {
                int open = limited.openConnections();
                assertThat(open).isLessThanOrEqualTo(10);
                most.accumulateAndGet(open, Math::max);
                return closed.stream().allMatch(CompletableFuture::isDone);
            });
            assertThat(most.get()).isEqualTo(10);
            // Once the slow ones are closed at their header timeout, the next client is served.
            TestServer.Response r = api.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/calls")).build());
            assertThat(r.status()).isEqualTo(200);
        } finally {
            for (Socket s : slow) s.close();
            limited.stop();
        }
    }

    /** Completes when the server closes the socket (end of stream or reset), reading on a thread of its own. */
    private static CompletableFuture<Void> closedByServer(Socket s) {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                InputStream in = s.getInputStream();
                while (in.read() >= 0) {
                    // an answer, if any: read on to the end
                }
            } catch (IOException reset) {
                // closed
            }
            closed.complete(null);
        });
        t.setDaemon(true);
        t.start();
        return closed;
    }

    private static Socket connect() throws IOException {
        return new Socket("127.0.0.1", api.base.getPort());
    }

    private static String headers(int contentLength) {
        return "POST /v1/calls/997/evaluations HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                + contentLength + "\r\n\r\n";
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The answer, read until the server closes the connection or no byte comes for the socket's timeout. */
    private static String readAnswer(Socket socket) {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        try {
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[4096];
            for (int n; (n = in.read(buf)) >= 0; ) {
                answer.write(buf, 0, n);
                if (answer.toString(StandardCharsets.UTF_8).contains("}}")) break; // the whole error body
            }
        } catch (SocketTimeoutException e) {
            // what came is the answer
        } catch (IOException e) {
            // reset after the answer
        }
        return answer.toString(StandardCharsets.UTF_8);
    }
}
