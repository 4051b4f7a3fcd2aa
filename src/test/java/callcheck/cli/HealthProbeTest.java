package callcheck.cli;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The container's health check (src/deploy/compose.yaml): exit 0 when the path answers 200, else 1. */
class HealthProbeTest {
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health/ready", e -> answer(e, 503));
        server.createContext("/health/live", e -> answer(e, 200));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void exitsZeroOnlyWhenThePathAnswers200() throws Exception {
        assertThat(probe("/health/live")).isZero();
        assertThat(probe("/health/ready")).isEqualTo(1);
        assertThat(probe()).as("the default path is /health/ready").isEqualTo(1);
    }

    @Test
    void nothingListeningIsNoAnswer() {
        int port = server.getAddress().getPort();
        server.stop(0);
        assertThat(HealthProbe.status(URI.create("http://127.0.0.1:" + port + "/health/live"))).isEqualTo(-1);
    }

    /** Runs the probe as the image does: its own JVM, the service's port from CALLCHECK_PORT. */
    private int probe(String... path) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", "target/classes", HealthProbe.class.getName()));
        command.addAll(List.of(path));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("CALLCHECK_PORT", String.valueOf(server.getAddress().getPort()));
        Process p = pb.start();
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        return p.waitFor();
    }

    private static void answer(com.sun.net.httpserver.HttpExchange e, int status) throws IOException {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        e.sendResponseHeaders(status, body.length);
        e.getResponseBody().write(body);
        e.close();
    }
}
