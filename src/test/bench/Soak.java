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
import java.util.zip.GZIPInputStream;

/**
 * Soak and fault run of {@code serve} (not a test; see soak.sh): mixed load over every example while the rules folder
 * is edited, swapped, given a pack that does not compile and one whose rule spins past the budget (each saved, then
 * removed), and the server is killed (SIGKILL) and restarted. Half the clients ask for gzip, as browsers and Python's
 * requests do; every evaluation carries an Idempotency-Key and is retried with it after a 503 store_timeout. Beside the
 * load: three 16 MB round bodies at once, a round whose exact search is hard, a title with a lone surrogate, and the
 * decision store made unwritable for 30 s (chattr +i, which holds against root too). Every interval it prints
 * requests, answers by status and code, wrong verdicts (a 200 whose verdict or finding ids differ from the example's
 * expectation), p99, and the server's threads, file descriptors, heap used and RSS. No fault changes what an example
 * must give, so any wrong verdict is a bug; at the end every acknowledged decision is read back.
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
    static final AtomicLong requests = new AtomicLong(), wrong = new AtomicLong(), undocumented5xx = new AtomicLong();
    /** The 503 codes the contract documents; any other 5xx is a bug. */
    static final java.util.Set<String> DOCUMENTED_503 = java.util.Set.of("evaluation_timeout", "busy", "shutting_down",
            "store_unavailable", "store_timeout");
    /** Every decision answered 200: each must be readable at the end. */
    static final ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
    static final Pattern DECISION_ID = Pattern.compile("\"decisionId\":\"([^\"]+)\"");
    /** Seconds from the end of each store fault to the first evaluation recorded again. */
    static final List<Long> recoveries = new ArrayList<>();
    static volatile long storeFaultEndedAt;
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
        String token = token(jar, work);
        start(jar, port, rules, examples, work, 0);
        awaitReady(base);

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < Integer.parseInt(opt.get("--clients")); c++) {
            int offset = c;
            Thread t = new Thread(() -> load(client, base, all, offset, offset % 2 == 1), "client-" + c);
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
                if (tick % 30 == 5) loneSurrogate(client, base, all);              // 400 invalid_value, never 200
                if (tick % 60 == 40) oversizedRounds(base);                        // three 16 MB bodies at once
                if (tick % 120 == 70) hardRound(client, base, all);                // the search stops at its budget
                if (tick % 300 == 230) storeFault(work);                           // the store unwritable for 30 s
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
        System.out.println("5xx other than the documented 503s: " + undocumented5xx.get());
        System.out.println("store recorded again after each fault, seconds: " + recoveries);
        readBack(client, base, token);
        server.destroy();
        server.waitFor();
    }

    static void load(HttpClient client, URI base, List<Example> all, int offset, boolean gzip) {
        for (long i = offset; running; i++) {
            Example e = all.get((int) (i % all.size()));
            String path = "/v1/calls/" + e.call() + "/evaluations" + (e.version() == null ? "" : "?version=" + e.version());
            HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").header("Idempotency-Key", java.util.UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(e.body()));
            if (gzip) b.header("Accept-Encoding", "gzip");
            HttpRequest r = b.build();
            String key;
            try {
                for (int attempt = 0; ; attempt++) {
                    long t0 = System.nanoTime();
                    HttpResponse<byte[]> a = client.send(r, HttpResponse.BodyHandlers.ofByteArray());
                    latencies.add((System.nanoTime() - t0) / 1000);
                    String body = text(a);
                    if (a.statusCode() == 200) {
                        key = "200" + (a.headers().firstValue("Idempotent-Replayed").isPresent() ? " replayed" : "");
                        check(e, body);
                        Matcher id = DECISION_ID.matcher(body);
                        if (id.find()) acknowledged.add(id.group(1));
                        if (storeFaultEndedAt > 0) {
                            synchronized (recoveries) {
                                if (storeFaultEndedAt > 0) recoveries.add((System.currentTimeMillis() - storeFaultEndedAt + 999) / 1000);
                                storeFaultEndedAt = 0;
                            }
                        }
                        break;
                    }
                    key = count(a.statusCode(), body);
                    // The outcome is unknown: the same key again answers the first decision, or makes it once.
                    if (!key.endsWith("store_timeout") || attempt == 5 || !running) break;
                    answers.computeIfAbsent(key + " (retried)", k -> new AtomicLong()).incrementAndGet();
                    sleep(1000);
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

    /** The body as text, unzipped when the server compressed it. */
    static String text(HttpResponse<byte[]> a) throws IOException {
        byte[] body = a.body();
        if (a.headers().firstValue("Content-Encoding").orElse("").equalsIgnoreCase("gzip")) {
            try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
                body = in.readAllBytes();
            }
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    /** "status code" of an answer other than 200; counts a 5xx the contract does not document. */
    static String count(int status, String body) {
        Matcher m = CODE.matcher(body);
        String code = m.find() ? m.group(1) : "?";
        if (status >= 500 && !(status == 503 && DOCUMENTED_503.contains(code))) {
            undocumented5xx.incrementAndGet();
            synchronized (wrongSamples) {
                if (wrongSamples.size() < 10) wrongSamples.add(status + ": " + body.substring(0, Math.min(300, body.length())));
            }
        }
        return status + " " + code;
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

    /** A token that reads decisions, made before the server starts (the CLI cannot open a store the service holds). */
    static String token(String jar, Path work) throws Exception {
        Process p = new ProcessBuilder("java", "-jar", jar, "token", "add", "soak", "--scope", "read", "--data", work.resolve("data").toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) throw new IllegalStateException("token add failed: " + out);
        return out.substring(out.lastIndexOf(' ') + 1);
    }

    /** A proposal whose title holds a lone surrogate: 400 invalid_value naming the field, never recorded. */
    static void loneSurrogate(HttpClient client, URI base, List<Example> all) throws Exception {
        Example e = all.stream().filter(x -> x.call().equals("507")).findFirst().orElseThrow();
        String body = new String(e.body(), StandardCharsets.UTF_8).replaceFirst("\"title\"\\s*:\\s*\"", "\"title\": \"\\\\ud800");
        HttpResponse<byte[]> a = client.send(HttpRequest.newBuilder(base.resolve("/v1/calls/507/evaluations")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        String text = text(a);
        if (a.statusCode() == 200) wrong.incrementAndGet();
        answers.computeIfAbsent("lone surrogate " + count(a.statusCode(), text), k -> new AtomicLong()).incrementAndGet();
    }

    /** Three 16 MB round bodies of empty items at once: each refused (4xx or 503 busy), none a 500. */
    static void oversizedRounds(URI base) throws Exception {
        StringBuilder sb = new StringBuilder(16 * 1024 * 1024 + 64).append("{\"proposals\":[");
        while (sb.length() < 16 * 1024 * 1024 - 8) sb.append("{},");
        sb.setLength(sb.length() - 1);
        byte[] body = sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        HttpClient c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        List<java.util.concurrent.CompletableFuture<HttpResponse<byte[]>>> sent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sent.add(c.sendAsync(HttpRequest.newBuilder(base.resolve("/v1/calls/507/rounds")).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofByteArray()));
        }
        for (var f : sent) {
            String key;
            try {
                HttpResponse<byte[]> a = f.get();
                key = count(a.statusCode(), text(a));
            } catch (java.util.concurrent.ExecutionException e) {
                // The server may close the connection once it has refused a body it will not read to the end.
                key = "closed (" + e.getCause().getClass().getSimpleName() + ")";
            }
            answers.computeIfAbsent("oversized round " + key, k -> new AtomicLong()).incrementAndGet();
        }
    }

    /**
     * A round of 500 eligible 507 proposals whose scores are nearly proportional to their subsidy and whose amounts are
     * multiples of 3 cents: the exact search cannot prove its best within the budget, and stops at it.
     */
    static void hardRound(HttpClient client, URI base, List<Example> all) throws Exception {
        Example e = all.stream().filter(x -> x.call().equals("507") && x.name().equals("eligible-tielt-pittem")).findFirst().orElse(null);
        if (e == null) return;
        String proposal = new String(e.body(), StandardCharsets.UTF_8);
        java.util.Random random = new java.util.Random(tickSeed++);
        StringBuilder proposals = new StringBuilder(), scores = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            long cents = 3L * (166_667 + random.nextInt(500_000)); // AMIF (= VVSG) from 5,000 to 20,000 euro
            String amif = java.math.BigDecimal.valueOf(cents, 2).toPlainString();
            String financing = "\"financing\": {\"totalCost\": " + java.math.BigDecimal.valueOf(4 * cents, 2).toPlainString() + ", \"amif\": "
                    + amif + ", \"vvsg\": " + amif + ", \"own\": " + java.math.BigDecimal.valueOf(2 * cents, 2).toPlainString()
                    + ", \"annexIV\": false}";
            String p = proposal.replaceFirst("\"financing\"\\s*:\\s*\\{[^}]*}", Matcher.quoteReplacement(financing));
            if (i > 0) {
                proposals.append(',');
                scores.append(',');
            }
            proposals.append("{\"id\":\"h").append(i).append("\",\"proposal\":").append(p).append('}');
            scores.append("\"h").append(i).append("\":").append(String.format(java.util.Locale.ROOT, "%.4f", cents / 100.0 * 2 / 1000 + random.nextDouble() * 1e-3));
        }
        String body = "{\"proposals\":[" + proposals + "],\"scores\":{" + scores + "}}";
        HttpResponse<byte[]> a = client.send(HttpRequest.newBuilder(base.resolve("/v1/calls/507/rounds")).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json").header("Accept-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        String text = text(a);
        String key = a.statusCode() == 200 ? "200 optimal " + (text.contains("\"optimal\":true") ? "true" : "false") : count(a.statusCode(), text);
        answers.computeIfAbsent("hard round " + key, k -> new AtomicLong()).incrementAndGet();
    }

    static int tickSeed = 1;

    /** The H2 file made immutable for 30 s (writes fail even for root), then writable again; the clients time the recovery. */
    static void storeFault(Path work) throws Exception {
        Path file = work.resolve("data/callcheck.mv.db");
        if (!Files.exists(file)) return;
        chattr("+i", file);
        answers.computeIfAbsent("store fault", k -> new AtomicLong()).incrementAndGet();
        try {
            Thread.sleep(30_000);
        } finally {
            chattr("-i", file);
            storeFaultEndedAt = System.currentTimeMillis();
        }
    }

    static void chattr(String flag, Path file) throws Exception {
        Process p = new ProcessBuilder("chattr", flag, file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IOException("chattr " + flag + " failed: " + out);
    }

    /** Every decision answered 200 read back: the count that could not be read is a loss. */
    static void readBack(HttpClient client, URI base, String token) throws Exception {
        long read = 0, missing = 0;
        List<String> samples = new ArrayList<>();
        for (String id : acknowledged) {
            HttpResponse<Void> a = client.send(HttpRequest.newBuilder(base.resolve("/v1/decisions/" + id)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.discarding());
            if (a.statusCode() == 200) read++;
            else {
                missing++;
                if (samples.size() < 5) samples.add(id + " " + a.statusCode());
            }
        }
        System.out.println("acknowledged decisions read back: " + read + " of " + acknowledged.size() + "; not readable " + missing + " " + samples);
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
