package callcheck.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code callcheck serve} in a process of its own, on a free loopback port, as an operator runs it: to kill it
 * (SIGKILL, SIGTERM) and start it again, or to run two at once. Its log is kept for the failure messages.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("on http://127\\.0\\.0\\.1:(\\d+)");
    private final Process process;
    private final StringBuffer log = new StringBuffer();
    final URI base;

    private ServerProcess(Process process, URI base) {
        this.process = process;
        this.base = base;
    }

    /** Starts {@code serve} on the rules folder with the store options given (--data DIR or --store URL) and waits until it listens. */
    static ServerProcess serve(Path rules, String... storeOptions) {
        return serve(List.of(), rules, storeOptions);
    }

    /** As {@link #serve(Path, String...)}, with options for the JVM, such as a heap size ({@code -Xmx256m}). */
    static ServerProcess serve(List<String> jvmOptions, Path rules, String... storeOptions) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "callcheck.cli.Main", "serve",
                "--host", "127.0.0.1", "--port", "0", "--rules", rules.toString(), "--examples", rules.resolve("no-examples").toString(), "--no-watch", "--cache", "off"));
        command.addAll(List.of(storeOptions));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            StringBuffer log = new StringBuffer();
            CompletableFuture<Integer> port = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        log.append(line).append('\n');
                        Matcher m = LISTENING.matcher(line);
                        if (line.contains("serving") && m.find()) port.complete(Integer.parseInt(m.group(1)));
                    }
                } catch (IOException e) {
                    // the process ended
                }
                port.completeExceptionally(new IllegalStateException("the server ended before it listened:\n" + log));
            }, "server-process-log");
            reader.setDaemon(true);
            reader.start();
            int bound;
            try {
                bound = port.get(120, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
                throw new IllegalStateException("the server did not start:\n" + log, e);
            }
            ServerProcess s = new ServerProcess(p, URI.create("http://127.0.0.1:" + bound));
            s.log.append(log);
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL: the process ends at once, whatever it was doing. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(60, TimeUnit.SECONDS);
    }

    /** SIGTERM: the server stops as Ctrl-C stops it; waits until it has. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) throw new IllegalStateException("the server did not stop within 60 s");
        return process.exitValue();
    }

    /** The process id, to look at what the process holds (its sockets, under /proc). */
    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
