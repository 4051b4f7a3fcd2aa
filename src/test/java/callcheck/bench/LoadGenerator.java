package callcheck.bench;

import callcheck.examples.Example;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * HTTP load on a running server (src/test/bench/load.sh starts one and runs this), never part of the tests. Two
 * targets on the same server: the evaluation endpoint with every example of every call in turn, and GET /health as
 * the ceiling a trivial JSON answer sets. For each: the maximum throughput (closed loop: each connection sends its next
 * request as soon as the answer is in), then a fixed rate at a fraction (80%) of that maximum (open loop: request i is
 * due at start + i / rate, whatever the answers do, and its latency counts from when it was due, so a stalled server
 * shows in the latency instead of slowing the load down). Every phase is bounded in time and count and stops by itself.
 * Every answer is checked (status 200, and an evaluation's verdict the one its example expects): fast errors are not
 * throughput.
 * <p>
 * Plain sockets with keep-alive and requests built once, so that the generator costs little of the CPU the server
 * shares with it on one machine; its CPU use is printed beside each phase, as is the server's when its pid is given.
 *
 * <pre>
 * java -cp ... callcheck.bench.LoadGenerator --base http://127.0.0.1:7099 [--examples examples] [--connections 16]
 *     [--warmup 15] [--seconds 15] [--fraction 0.8] [--max-requests 2000000] [--server-pid PID]
 *     [--rates HEALTH,EVALUATION]   (fixed rates in requests per second instead of the maxima and a fraction of them)
 * </pre>
 */
public final class LoadGenerator {
    private final String host;
    private final int port;
    private final int connections;
    private final long maxRequests;
    private final long serverPid;

    private LoadGenerator(URI base, int connections, long maxRequests, long serverPid) {
        this.host = base.getHost();
        this.port = base.getPort();
        this.connections = connections;
        this.maxRequests = maxRequests;
        this.serverPid = serverPid;
    }

    /** What to send, in turn, and for each the text its answer must contain (null: status 200 is enough). */
    record Target(String name, byte[][] requests, byte[][] expected) {
    }

    /** What a phase measured. Latencies in nanoseconds, as many as requests answered. */
    record Result(String phase, String target, long requests, long errors, String firstError, double seconds,
                  long[] latencies, double generatorCores, double serverCpuMicrosPerRequest) {
        double rate() {
            return requests / seconds;
        }

        double percentileMillis(double p) {
            if (latencies.length == 0) return Double.NaN;
            int i = (int) Math.ceil(p / 100.0 * latencies.length) - 1;
            return latencies[Math.max(0, Math.min(latencies.length - 1, i))] / 1e6;
        }
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create(arg(args, "--base", "http://127.0.0.1:7099"));
        Path examples = Path.of(arg(args, "--examples", "examples"));
        int connections = Integer.parseInt(arg(args, "--connections", "16"));
        int warmup = Integer.parseInt(arg(args, "--warmup", "15"));
        int seconds = Integer.parseInt(arg(args, "--seconds", "15"));
        double fraction = Double.parseDouble(arg(args, "--fraction", "0.8"));
        long maxRequests = Long.parseLong(arg(args, "--max-requests", "2000000"));
        long serverPid = Long.parseLong(arg(args, "--server-pid", "-1"));
        String rates = arg(args, "--rates", null);

        LoadGenerator g = new LoadGenerator(base, connections, maxRequests, serverPid);
        Target evaluation = g.evaluations(examples);
        Target health = g.health();
        System.out.printf(Locale.ROOT, "%s: %d example requests of %s; %d connections; warm-up %d s, then %d s per phase%n",
                base, evaluation.requests().length, examples, connections, warmup, seconds);

        // Drools and the JIT need a while to reach steady state; both endpoints are warmed up before anything counts.
        g.closedLoop("warm-up", evaluation, warmup * 2 / 3);
        g.closedLoop("warm-up", health, warmup - warmup * 2 / 3);

        List<Result> results = new ArrayList<>();
        if (rates != null) {
            // Given rates instead of a fraction of the maxima measured: to look at latency alone.
            results.add(g.openLoop("fixed", health, Double.parseDouble(rates.split(",")[0]), seconds));
            results.add(g.openLoop("fixed", evaluation, Double.parseDouble(rates.split(",")[1]), seconds));
        } else {
            Result maxHealth = g.closedLoop("max", health, seconds);
            Result maxEval = g.closedLoop("max", evaluation, seconds);
            results.add(maxHealth);
            results.add(maxEval);
            results.add(g.openLoop(String.format(Locale.ROOT, "%.0f%% rate", fraction * 100), health, fraction * maxHealth.rate(), seconds));
            results.add(g.openLoop(String.format(Locale.ROOT, "%.0f%% rate", fraction * 100), evaluation, fraction * maxEval.rate(), seconds));
        }
        Result maxHealth = results.get(0), maxEval = results.get(1);

        System.out.println();
        System.out.println("phase     target      requests errors  req/s     p50 ms  p99 ms  p99.9 ms  max ms  generator cores  server CPU us/req");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "%-9s %-11s %8d %6d %8.0f %8.2f %7.2f %9.2f %7.2f %16.2f %18s%n", r.phase(), r.target(),
                    r.requests(), r.errors(), r.rate(), r.percentileMillis(50), r.percentileMillis(99), r.percentileMillis(99.9),
                    r.percentileMillis(100), r.generatorCores(),
                    Double.isNaN(r.serverCpuMicrosPerRequest()) ? "-" : String.format(Locale.ROOT, "%.0f", r.serverCpuMicrosPerRequest()));
        }
        System.out.println();
        if (rates == null) System.out.printf(Locale.ROOT, "evaluation / health, max throughput: %.3f%n", maxEval.rate() / maxHealth.rate());
        if (!Double.isNaN(maxEval.serverCpuMicrosPerRequest()) && maxHealth.serverCpuMicrosPerRequest() > 0) {
            System.out.printf(Locale.ROOT, "evaluation / health, server CPU per request: %.2f%n",
                    maxEval.serverCpuMicrosPerRequest() / maxHealth.serverCpuMicrosPerRequest());
        }
        boolean failed = false;
        for (Result r : results) {
            if (r.errors() > 0) {
                System.out.println("ERRORS in " + r.phase() + " " + r.target() + ": " + r.errors() + ", first: " + r.firstError());
                failed = true;
            }
        }
        if (failed) {
            System.out.println("some answers were wrong: the figures above do not count");
            System.exit(1);
        }
    }

    private Target evaluations(Path examples) throws IOException {
        List<byte[]> requests = new ArrayList<>();
        List<byte[]> expected = new ArrayList<>();
        for (Example e : Example.all(examples)) {
            String path = "/v1/calls/" + e.call() + "/evaluations" + (e.expected().version() == null ? "" : "?version=" + e.expected().version());
            byte[] body = Files.readAllBytes(e.file());
            String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n";
            byte[] request = Arrays.copyOf(head.getBytes(StandardCharsets.US_ASCII), head.length() + body.length);
            System.arraycopy(body, 0, request, head.length(), body.length);
            requests.add(request);
            expected.add(("\"verdict\":\"" + e.expected().verdict() + "\"").getBytes(StandardCharsets.US_ASCII));
        }
        if (requests.isEmpty()) throw new IllegalArgumentException("no examples under " + examples);
        return new Target("evaluation", requests.toArray(byte[][]::new), expected.toArray(byte[][]::new));
    }

    private Target health() {
        byte[] request = ("GET /health HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        return new Target("/health", new byte[][] {request}, new byte[][] {"\"status\":\"ready\"".getBytes(StandardCharsets.US_ASCII)});
    }

    /** Each connection sends its next request when the last is answered, for the given time. */
    private Result closedLoop(String phase, Target target, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong sequence = new AtomicLong();
        return run(phase, target, sequence, (i, now) -> i < maxRequests && now < deadline ? now : -1);
    }

    /** Request i is due at start + i / rate; it is sent when due (or as soon as a connection is free) and timed from then. */
    private Result openLoop(String phase, Target target, double rate, int seconds) throws InterruptedException {
        long total = Math.min(maxRequests, (long) (rate * seconds));
        double interval = 1e9 / rate;
        long start = System.nanoTime() + 10_000_000L;
        AtomicLong sequence = new AtomicLong();
        return run(phase, target, sequence, (i, now) -> i < total ? start + (long) (i * interval) : -1);
    }

    /** When request i is due, given the time now; -1 when the phase is over. */
    private interface Schedule {
        long due(long i, long now);
    }

    private Result run(String phase, Target target, AtomicLong sequence, Schedule schedule) throws InterruptedException {
        long[] latencies = new long[(int) Math.min(maxRequests, Integer.MAX_VALUE - 8)];
        AtomicInteger answered = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        String[] firstError = new String[1];
        long cpuBefore = processCpuNanos();
        long serverBefore = serverCpuTicks();
        long started = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            Thread t = new Thread(() -> {
                Connection conn = null;
                byte[] buffer = new byte[64 * 1024];
                while (true) {
                    long i = sequence.getAndIncrement();
                    long due = schedule.due(i, System.nanoTime());
                    if (due < 0) break;
                    long wait;
                    while ((wait = due - System.nanoTime()) > 0) LockSupport.parkNanos(wait);
                    int k = (int) (i % target.requests().length);
                    try {
                        if (conn == null) conn = new Connection(host, port);
                        String error = conn.exchange(target.requests()[k], target.expected()[k], buffer);
                        long latency = System.nanoTime() - due;
                        int slot = answered.getAndIncrement();
                        if (slot < latencies.length) latencies[slot] = latency;
                        if (error != null) fail(errors, firstError, error);
                        if (conn.closed) {
                            conn.close();
                            conn = null;
                        }
                    } catch (IOException e) {
                        fail(errors, firstError, e.toString());
                        if (conn != null) conn.close();
                        conn = null;
                    }
                }
                if (conn != null) conn.close();
            }, "load-" + c);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
        for (Thread t : workers) t.join();
        double seconds = (System.nanoTime() - started) / 1e9;
        double cores = (processCpuNanos() - cpuBefore) / 1e9 / seconds;
        int n = Math.min(answered.get(), latencies.length);
        long[] measured = Arrays.copyOf(latencies, n);
        Arrays.sort(measured);
        long serverTicks = serverCpuTicks() - serverBefore;
        // /proc counts in clock ticks of 1/100 s on Linux.
        double serverMicros = serverPid < 0 || n == 0 ? Double.NaN : serverTicks * 10_000.0 / n;
        return new Result(phase, target.name(), n, errors.get(), firstError[0], seconds, measured, cores, serverMicros);
    }

    private static synchronized void fail(AtomicLong errors, String[] first, String error) {
        if (errors.getAndIncrement() == 0) first[0] = error;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** utime + stime of the server process, from /proc; 0 when no pid was given or it cannot be read. */
    private long serverCpuTicks() {
        if (serverPid < 0) return 0;
        try {
            String stat = Files.readString(Path.of("/proc/" + serverPid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** One keep-alive HTTP/1.1 connection; answers must carry a Content-Length (the server's always do). */
    private static final class Connection {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        boolean closed;

        Connection(String host, int port) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(30_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        }

        /** Sends the request and reads the whole answer; returns what is wrong with it, or null. */
        String exchange(byte[] request, byte[] expected, byte[] buffer) throws IOException {
            out.write(request);
            out.flush();
            String status = line();
            int length = -1;
            for (String h = line(); !h.isEmpty(); h = line()) {
                int colon = h.indexOf(':');
                if (colon < 0) continue;
                String name = h.substring(0, colon).trim();
                if (name.equalsIgnoreCase("Content-Length")) length = Integer.parseInt(h.substring(colon + 1).trim());
                else if (name.equalsIgnoreCase("Connection") && h.substring(colon + 1).trim().equalsIgnoreCase("close")) closed = true;
            }
            if (length < 0) throw new IOException("answer without Content-Length: " + status);
            byte[] body = length <= buffer.length ? buffer : new byte[length];
            int read = 0;
            while (read < length) {
                int r = in.read(body, read, length - read);
                if (r < 0) throw new IOException("connection closed in the body");
                read += r;
            }
            if (!status.startsWith("HTTP/1.1 200")) return status + ": " + new String(body, 0, Math.min(length, 300), StandardCharsets.UTF_8);
            if (expected != null && indexOf(body, length, expected) < 0) {
                return "answer lacks " + new String(expected, StandardCharsets.US_ASCII) + ": " + new String(body, 0, Math.min(length, 300), StandardCharsets.UTF_8);
            }
            return null;
        }

        private String line() throws IOException {
            StringBuilder sb = new StringBuilder(64);
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) throw new IOException("connection closed");
                if (c != '\r') sb.append((char) c);
            }
            return sb.toString();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing after a failure: nothing more to do
            }
        }
    }

    private static int indexOf(byte[] haystack, int length, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }

    private static String arg(String[] args, String name, String otherwise) {
        for (int i = 0; i + 1 < args.length; i++) if (args[i].equals(name)) return args[i + 1];
        return otherwise;
    }
}
