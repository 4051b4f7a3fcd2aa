package callcheck.http;

import callcheck.support.ProposalJson;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Stopping the server lets a request in flight finish with its verdict, while new connections are refused. */
class GracefulShutdownTest {

    @Test
    void aRequestInFlightFinishesWhileTheServerStops() throws Exception {
        byte[] body = ProposalJson.from("507/eligible-tielt-pittem.json").text().getBytes(StandardCharsets.UTF_8);
        TestServer api = TestServer.start();
        try (Socket socket = new Socket("127.0.0.1", api.base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            // Headers and half the body: the request is in the server, which waits for the rest.
            out.write(("POST /v1/calls/507/evaluations HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, body.length / 2);
            out.flush();
            waitUntil(() -> api.server.inFlight() == 1, "the request to reach the server");

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(api::close);
            waitUntil(() -> !accepts(api.base.getPort()), "the server to stop accepting connections");
            assertThat(stopping).isNotDone();

            out.write(body, body.length / 2, body.length - body.length / 2);
            out.flush();
            String response = readAll(socket.getInputStream());
            assertThat(response).startsWith("HTTP/1.1 200");
            assertThat(response).contains("\"verdict\":\"ELIGIBLE\"");
            stopping.get(30, TimeUnit.SECONDS);
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The answer, read until the server closes the connection, as a stopping server does after its last answer. */
    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        in.transferTo(answer);
        return answer.toString(StandardCharsets.UTF_8);
    }

    /** Polls a condition the test depends on, for at most 20 seconds; this bounds the wait, it measures nothing. */
    private static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(20);
        }
    }
}
