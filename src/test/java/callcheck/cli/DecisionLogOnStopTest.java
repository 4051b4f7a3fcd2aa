package callcheck.cli;

import callcheck.support.HangingPack;
import callcheck.support.RulesCopy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code serve} as a process with the production logback.xml, its stderr read slowly: stopped with SIGTERM, it has
 * written the decision line of every request it answered before it exits.
 */
class DecisionLogOnStopTest {
    private static final int REQUESTS = 2_000;
    private static final Pattern SERVING = Pattern.compile("on http://127\\.0\\.0\\.1:(\\d+) ");

    @TempDir
    Path tmp;

    @Test
    void everyDecisionLineIsWrittenWhenStoppedWhileStderrIsReadSlowly() throws Exception {
        Path rules = RulesCopy.into(tmp.resolve("rules"), new String[0]).root();
        HangingPack.copyInto(rules);
        Process serve = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=" + Path.of("src/app/logback.xml").toAbsolutePath(),
                Main.class.getName(), "serve", "--host", "127.0.0.1", "--port", "0", "--rules", rules.toString(),
                "--examples", tmp.resolve("none").toString(), "--no-watch", "--data", tmp.resolve("data").toString(), "--cache", "off")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader stderr = new BufferedReader(new InputStreamReader(serve.getErrorStream(), StandardCharsets.UTF_8));
            int port = -1;
            for (String line; port < 0 && (line = stderr.readLine()) != null; ) {
                Matcher m = SERVING.matcher(line);
                if (m.find()) port = Integer.parseInt(m.group(1));
            }
            assertThat(port).as("the service started").isPositive();

            // stderr is not read now: the pipe fills and the decision lines wait in the asynchronous appender's queue.
            int answered = post(port);
            assertThat(answered).isEqualTo(REQUESTS);
            assertThat(serve.toHandle().destroy()).isTrue(); // SIGTERM; Process.destroy would close our end of stderr too

            int decisions = 0;
            List<String> problems = new ArrayList<>();
            for (String line; (line = stderr.readLine()) != null; ) {
                if (line.contains(" Evaluations - decision ")) decisions++;
                if (line.contains("non started appender") || line.contains("discarded")) problems.add(line);
                // A slow reader: the queue takes longer to write than logback's maxFlushTime (5 s) once stopping.
                Thread.sleep(4);
            }
            assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(problems).isEmpty();
            assertThat(decisions).isEqualTo(REQUESTS);
        } finally {
            serve.destroyForcibly();
        }
    }

    /** Sends the requests from a few clients; returns how many were answered 200. */
    private static int post(int port) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/calls/997/evaluations"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(HangingPack.json("fine"))).build();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                done.add(clients.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < REQUESTS / 4; i++) {
                        if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) ok++;
                    }
                    return ok;
                }));
            }
            int ok = 0;
            for (Future<Integer> f : done) ok += f.get(120, TimeUnit.SECONDS);
            return ok;
        } finally {
            clients.shutdownNow();
        }
    }
}
