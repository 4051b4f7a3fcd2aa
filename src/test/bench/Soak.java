import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Soak and fault run of {@code serve} (not a test; see soak.sh): mixed load over every example while the rules folder
 * is edited, swapped, given a pack that does not compile and one whose rule spins past the budget (each saved, then
 * removed), and the server is killed (SIGKILL) and restarted. Every interval it prints requests, answers by status
 * and code, wrong verdicts (a 200 whose verdict or finding ids differ from the example's expectation), p99, and the
 * server's threads, file descriptors, heap used and RSS. No fault changes what an example must give, so any wrong
 * verdict is a bug.
 *
 * java -cp target/callcheck.jar src/test/bench/Soak.java --minutes 30 [--clients 4] [--port 7098] [--interval 30]
 */
public class Soak {
    static final Pattern VERDICT = Pattern.compile("\"verdict\":\"(\\w+)\"");
    static final Pattern RULE = Pattern.compile("\"rule\":\"([^\"]+)\"");
    static final Pattern CODE = Pattern.compile("\"code\":\"([^\"]+)\"");

    record Example(String call, String name, String version, byte[] body, String verdict, TreeSet<String> findings) {
    }

    static final Map<String, AtomicLong> answers = new ConcurrentHashMap<>();
    static final AtomicLong requests = new AtomicLong(), wrong = new AtomicLong();
    static final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    static final List<String> wrongSamples = new ArrayList<>();
    static volatile Process server;
    static volatile boolean running = true;

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new TreeMap<>(Map.of("--minutes", "30", "--clients", "4", "--port", "7098", "--interval", "30",
                "--jar", "target/callcheck.jar"));
        for (int i = 0; i + 1 < args.length; i += 2) opt.put(args[i], args[i + 1]);
        double minutes = Double.parseDouble(opt.get("--minutes"));
        int port = Integer.parseInt(opt.get("--port"));
        Path work = Files.createTempDirectory("callcheck-soak");
        Path rules = work.resolve("rules"), examples = work.resolve("examples");
        copy(Path.of("rules"), rules);
        copy(Path.of("examples"), examples);
        List<Example> all = examples(examples);
        String jar = opt.get("--jar");
        URI base = URI.create("http://127.0.0.1:" + port);
        System.out.println("soak: " + minutes + " min, " + opt.get("--clients") + " clients, " + all.size() + " examples, work folder " + work
                + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        start(jar, port, rules, examples, work, 0);
        awaitReady(base);

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < Integer.parseInt(opt.get("--clients")); c++) {
            int offset = c;
            Thread t = new Thread(() -> load(client, base, all, offset), "client-" + c);
            t.setDaemon(true);
            t.start();
            clients.add(t);
        }
        long end = System.nanoTime() + (long) (minutes * 60e9);
        long interval = Long.parseLong(opt.get("--interval")) * 1000;
        long started = System.currentTimeMillis(), nextReport = started + interval;
        int tick = 0, restarts = 0;
        System.out.println("time_s requests wrong p99_ms threads fds heap_used_mb rss_mb answers");
        while (System.nanoTime() < end) {
            Thread.sleep(1000);
            tick++;
            try {
                if (tick % 20 == 0) touch(rules);                                  // a reload that changes nothing
                if (tick % 60 == 30) swap(rules, work);                            // mv rules.new rules
                if (tick % 45 == 10) brokenPack(rules, true);                      // a pack that does not compile...
                if (tick % 45 == 20) brokenPack(rules, false);                     // ...removed
                if (tick % 90 == 50) spinningPack(client, base, rules);            // a rule that spins past the budget
                if (tick % 300 == 150) {                                           // SIGKILL and restart
                    server.destroyForcibly().waitFor();
                    start(jar, port, rules, examples, work, ++restarts);
                    awaitReady(base);
                }
            } catch (IOException | RuntimeException e) {
                System.out.println("fault step failed: " + e);
            }
            if (System.currentTimeMillis() >= nextReport) {
                report(started);
                nextReport += interval;
            }
        }
        running = false;
        for (Thread t : clients) t.join(10_000);
        report(started);
        System.out.println("restarts " + restarts + "; wrong verdict samples: " + wrongSamples);
        server.destroy();
        server.waitFor();
    }

    static void load(HttpClient client, URI base, List<Example> all, int offset) {
        for (long i = offset; running; i++) {
            Example e = all.get((int) (i % all.size()));
            String path = "/v1/calls/" + e.call() + "/evaluations" + (e.version() == null ? "" : "?version=" + e.version());
            HttpRequest r = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(e.body())).build();
            long t0 = System.nanoTime();
            String key;
            try {
                HttpResponse<String> a = client.send(r, HttpResponse.BodyHandlers.ofString());
                latencies.add((System.nanoTime() - t0) / 1000);
                if (a.statusCode() == 200) {
                    key = "200";
                    check(e, a.body());
                } else {
                    Matcher m = CODE.matcher(a.body());
                    key = a.statusCode() + " " + (m.find() ? m.group(1) : "?");
                }
            } catch (IOException ex) {
                key = "no answer (" + ex.getClass().getSimpleName() + ")";
                sleep(50); // the server is restarting
            } catch (InterruptedException ex) {
                return;
            }
            requests.incrementAndGet();
            answers.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
        }
    }

    static void check(Example e, String body) {
        Matcher v = VERDICT.matcher(body);
        TreeSet<String> found = new TreeSet<>();
        Matcher r = RULE.matcher(body);
        while (r.find()) found.add(r.group(1));
        if (!v.find() || !v.group(1).equals(e.verdict()) || !found.equals(e.findings())) {
            wrong.incrementAndGet();
            synchronized (wrongSamples) {
                if (wrongSamples.size() < 5) wrongSamples.add(e.call() + "/" + e.name() + ": " + body);
            }
        }
    }

    static void report(long started) throws Exception {
        List<Long> l = new ArrayList<>();
        for (Long x; (x = latencies.poll()) != null; ) l.add(x);
        l.sort(Comparator.naturalOrder());
        String p99 = l.isEmpty() ? "-" : String.format("%.1f", l.get((int) Math.min(l.size() - 1, Math.ceil(l.size() * 0.99) - 1)) / 1000.0);
        long pid = server.pid();
        String threads = "-", fds = "-", rss = "-", heap = "-";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("Threads:")) threads = line.split("\\s+")[1];
                if (line.startsWith("VmRSS:")) rss = Long.parseLong(line.split("\\s+")[1]) / 1024 + "";
            }
            try (Stream<Path> s = Files.list(Path.of("/proc/" + pid + "/fd"))) {
                fds = Long.toString(s.count());
            }
            Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), "GC.heap_info").redirectErrorStream(true).start();
            Matcher m = Pattern.compile("used (\\d+)K").matcher(new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            jcmd.waitFor();
            if (m.find()) heap = Long.parseLong(m.group(1)) / 1024 + "";
        } catch (IOException e) {
            // the server is restarting
        }
        System.out.println((System.currentTimeMillis() - started) / 1000 + " " + requests.get() + " " + wrong.get() + " " + p99 + " "
                + threads + " " + fds + " " + heap + " " + rss + " " + new TreeMap<>(answers));
    }

    static void start(String jar, int port, Path rules, Path examples, Path work, int n) throws IOException {
        // SERVER_JAVA_OPTS, e.g. -Xmx512m: options of the server's JVM. The store lives in the work folder, not in data/.
        List<String> command = new ArrayList<>(List.of("java"));
        String opts = System.getenv("SERVER_JAVA_OPTS");
        if (opts != null && !opts.isBlank()) command.addAll(List.of(opts.trim().split("\\s+")));
        command.addAll(List.of("-jar", jar, "serve", "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--rules", rules.toString(), "--examples", examples.toString(), "--data", work.resolve("data").toString()));
        server = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(work.resolve("server-" + n + ".log").toFile()).start();
    }

    /** Until /health answers at all: a pack that does not compile (one of the faults) keeps it 503, and serving goes on. */
    static void awaitReady(URI base) throws InterruptedException {
        HttpClient c = HttpClient.newHttpClient();
        for (int i = 0; i < 600; i++) {
            try {
                c.send(HttpRequest.newBuilder(base.resolve("/health")).build(), HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the server did not become ready");
    }

    /** Rewrites one DRL file with a comment added or removed: a reload whose verdicts are the same. */
    static void touch(Path rules) throws IOException {
        Path drl;
        try (Stream<Path> s = Files.walk(rules.resolve("507"))) {
            drl = s.filter(p -> p.toString().endsWith(".drl")).sorted().findFirst().orElseThrow();
        }
        String text = Files.readString(drl);
        String mark = "// soak\n";
        save(drl, text.endsWith(mark) ? text.substring(0, text.length() - mark.length()) : text + mark);
    }

    /** Replaces the rules folder by an identical copy, as a deploy tool does. */
    static void swap(Path rules, Path work) throws IOException {
        Path next = work.resolve("rules.new"), old = work.resolve("rules.old");
        deleteTree(next);
        deleteTree(old);
        copy(rules, next);
        Files.move(rules, old);
        Files.move(next, rules);
    }

    static void brokenPack(Path rules, boolean present) throws IOException {
        Path folder = rules.resolve("990/2020-01-01");
        if (!present) {
            deleteTree(rules.resolve("990"));
            return;
        }
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("pack.yaml"), "call: \"990\"\ntitle: soak\nprogramme: soak\nversion: \"2020-01-01\"\n"
                + "submissions:\n  from: 2020-01-01\ndocuments:\n  d:\n    title: d\n");
        save(folder.resolve("broken.drl"), "package soak.c990;\nrule \"990-BROKEN\" when then nosuch(; end\n");
    }

    /** A pack whose rule spins for two seconds deaf to interrupts; two requests to it; then it is removed. */
    static void spinningPack(HttpClient client, URI base, Path rules) throws Exception {
        Path folder = rules.resolve("991/2020-01-01");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("pack.yaml"), "call: \"991\"\ntitle: soak\nprogramme: soak\nversion: \"2020-01-01\"\n"
                + "submissions:\n  from: 2020-01-01\ndocuments:\n  d:\n    title: d\n");
        save(folder.resolve("spin.drl"), "package soak.c991;\nimport callcheck.rules.Evaluation;\nimport callcheck.model.Proposal;\n"
                + "rule \"991-SPIN\" @id(\"991-SPIN\") @severity(\"INFO\") @title(\"spins\") @nl(\"Draait.\") @en(\"Spins.\")\n"
                + "  @document(\"d\") @section(\"s\")\nwhen\n  $e : Evaluation()\n  Proposal()\nthen\n"
                + "  long end = System.currentTimeMillis() + 2000;\n  while (System.currentTimeMillis() < end) { }\n  $e.report(drools);\nend\n");
        HttpRequest r = HttpRequest.newBuilder(base.resolve("/v1/calls/991/evaluations")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"submittedOn\":\"2020-01-02\"}")).build();
        int probes = 0;
        for (int i = 0; i < 50 && probes < 2; i++) { // two answers once the reload serves it
            HttpResponse<String> a = client.send(r, HttpResponse.BodyHandlers.ofString());
            if (a.statusCode() == 404) {
                Thread.sleep(200);
                continue;
            }
            probes++;
            Matcher m = CODE.matcher(a.body());
            answers.computeIfAbsent("spin probe " + a.statusCode() + (m.find() ? " " + m.group(1) : ""), k -> new AtomicLong()).incrementAndGet();
        }
        deleteTree(rules.resolve("991"));
    }

    /** Saves as an editor does: a temporary file renamed into place. */
    static void save(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static List<Example> examples(Path examples) throws IOException {
        List<Example> out = new ArrayList<>();
        // examples/<call>/<name>.expected.json: the proposal examples, not the round examples of examples/<call>/rounds/
        try (Stream<Path> s = Files.walk(examples, 2)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".expected.json")).sorted().toList()) {
                String exp = Files.readString(f);
                String name = f.getFileName().toString().replace(".expected.json", "");
                Matcher v = VERDICT.matcher(exp.replace(" ", ""));
                v.find();
                TreeSet<String> findings = new TreeSet<>();
                Matcher list = Pattern.compile("\"findings\"\\s*:\\s*\\[([^\\]]*)]").matcher(exp);
                if (list.find()) for (Matcher q = Pattern.compile("\"([^\"]+)\"").matcher(list.group(1)); q.find(); ) findings.add(q.group(1));
                Matcher ver = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"").matcher(exp);
                out.add(new Example(f.getParent().getFileName().toString(), name, ver.find() ? ver.group(1) : null,
                        Files.readAllBytes(f.resolveSibling(name + ".json")), v.group(1), findings));
            }
        }
        return out;
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path f : s.toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(t);
                else Files.copy(f, t);
            }
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(f);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
