package callcheck.http;

import callcheck.support.Await;
import callcheck.support.ProposalJson;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * While the server stops, a request in flight finishes and a new one on an open connection gets 503 shutting_down
 * (not internal_error); a client speaking HTTP/2 without asking gets an error body it can read.
 */
class CleanStopTest {

    @Test
    void aNewRequestDuringTheStopGets503ShuttingDownWhileTheOneInFlightFinishes() throws Exception {
        byte[] body = ProposalJson.from("507/eligible-tielt-pittem.json").text().getBytes(StandardCharsets.UTF_8);
        TestServer api = TestServer.start();
        try (Socket inFlight = new Socket("127.0.0.1", api.base.getPort());
             Socket keptAlive = new Socket("127.0.0.1", api.base.getPort())) {
            inFlight.setSoTimeout(30_000);
            keptAlive.setSoTimeout(30_000);
            // An open keep-alive connection that has already been answered once.
            send(keptAlive, request(body, body.length));
            assertThat(readAnswer(keptAlive)).startsWith("HTTP/1.1 200");
            // Headers and half the body: a request in flight, which the stop waits for.
            send(inFlight, request(body, body.length / 2));
            Await.until("the request to reach the server", () -> api.server.inFlight() == 1);

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(api::close);
            Await.until("the server to stop accepting", () -> !accepts(api.base.getPort()));
            // Jetty closes the connector before its graceful handler refuses: between the two a request is still served.
            Await.until("the graceful stop to refuse new requests", api.server::stopping);

            send(keptAlive, request(body, body.length));
            String refused = readAnswer(keptAlive);
            assertThat(refused).startsWith("HTTP/1.1 503").contains("\"code\":\"shutting_down\"").doesNotContain("internal_error");

            inFlight.getOutputStream().write(body, body.length / 2, body.length - body.length / 2);
            assertThat(readAnswer(inFlight)).startsWith("HTTP/1.1 200").contains("\"verdict\":\"ELIGIBLE\"");
            stopping.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void http2PriorKnowledgeGetsAReadableErrorBody() throws IOException {
        try (TestServer api = TestServer.start(); Socket socket = new Socket("127.0.0.1", api.base.getPort())) {
            socket.setSoTimeout(10_000);
            send(socket, "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String answer = readAnswer(socket);
            assertThat(answer).startsWith("HTTP/1.1 4");
            assertThat(answer).contains("\"error\"", "HTTP/1.1");
        }
    }

    private static byte[] request(byte[] body, int sent) {
        byte[] head = ("POST /v1/calls/507/evaluations HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[head.length + sent];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(body, 0, out, head.length, sent);
        return out;
    }

    private static void send(Socket socket, byte[] bytes) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(bytes);
        out.flush();
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** One answer: its head, then its body up to its Content-Length (or until the server closes). */
    private static String readAnswer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        int length = -1;
        int headEnd = -1;
        try {
            while (headEnd < 0 || answer.size() < headEnd + Math.max(length, 0)) {
                int b = in.read();
                if (b < 0) break;
                answer.write(b);
                if (headEnd < 0 && answer.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                    headEnd = answer.size();
                    String head = answer.toString(StandardCharsets.ISO_8859_1).toLowerCase();
                    int i = head.indexOf("content-length:");
                    length = i < 0 ? -1 : Integer.parseInt(head.substring(i + 15, head.indexOf("\r\n", i)).trim());
                    if (length < 0 && !head.contains("chunked")) length = 0;
                    if (length < 0) length = Integer.MAX_VALUE / 2; // chunked: read until closed
                }
            }
        } catch (SocketTimeoutException e) {
            // what came is the answer
        }
        return answer.toString(StandardCharsets.UTF_8);
    }
}
