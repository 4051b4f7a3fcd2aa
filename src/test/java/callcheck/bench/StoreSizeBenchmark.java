package callcheck.bench;

import callcheck.evaluation.PackEngine;
import callcheck.examples.Example;
import callcheck.http.HttpServer;
import callcheck.store.DecisionStore;
import callcheck.store.TokenScope;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The embedded store's size while the service runs, never run by the tests (src/test/bench/store-size.sh runs it):
 * 16 closed-loop clients evaluate every example in turn over HTTP until N decisions (default 100,000) are recorded;
 * then, with the server still running: bytes a decision at once and after some idle seconds; how long a listing of
 * every page, showing and replaying random decisions and an export take; the retention erasing every proposal, and
 * the size after idle seconds again; then after the stop.
 * Arguments: [decisions, 100000] [idle seconds, 30].
 */
public final class StoreSizeBenchmark {
    private static final int CLIENTS = 16;

    public static void main(String[] args) throws Exception {
        int decisions = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int idle = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Path data = Files.createTempDirectory("callcheck-store-size");
        PackEngine engine = PackEngine.load(Path.of("rules"));
        List<Example> examples = Example.all(Path.of("examples"));
        DecisionStore store = DecisionStore.open(null, data);
        HttpServer server = new HttpServer(engine, Map.of(), store, false);
        int port = server.start("127.0.0.1", 0);
        String base = "http://127.0.0.1:" + port;
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<HttpRequest> requests = new ArrayList<>();
        for (Example e : examples) {
            String q = e.expected().version() == null ? "" : "?version=" + e.expected().version();
            requests.add(HttpRequest.newBuilder(URI.create(base + "/v1/calls/" + e.call() + "/evaluations" + q))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(e.proposal())).build());
        }
        AtomicLong ok = new AtomicLong(), failed = new AtomicLong();
        long t0 = System.nanoTime();
        for (int step = decisions / 5; ok.get() < decisions; ) {
            ClosedLoop.run(client, List.of(requests), CLIENTS, 2, ok, failed);
            if (ok.get() >= step || ok.get() >= decisions) {
                System.out.printf("serving: %,d decisions, %,d bytes a decision%n", ok.get(), size(data) / ok.get());
                step += decisions / 5;
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long n = ok.get();
        System.out.printf("recorded %,d decisions in %.0f s (%.0f/s, %d not 200)%n", n, seconds, n / seconds, failed.get());
        System.out.printf("while serving, at the last decision: %,d bytes a decision%n", size(data) / n);
        idle(data, n, idle, "after the last decision");

        reads(client, base, "Bearer " + store.addToken("bench", TokenScope.ALL), n);

        t0 = System.nanoTime();
        int erased = store.eraseProposalsBefore(Instant.now().plusSeconds(1));
        System.out.printf("retention erased %,d proposals in %.1f s: %,d bytes a decision at once%n", erased, (System.nanoTime() - t0) / 1e9,
                size(data) / n);
        idle(data, n, idle, "after the retention");
        server.stop();
        store.close();
        System.out.printf("after the stop: %,d bytes a decision%n", size(data) / n);
        System.exit(0);
    }

    /** The size every 5 s of an idle period (the next write shortens the file to what is in use: none comes here). */
    private static void idle(Path data, long n, int seconds, String after) throws Exception {
        StringBuilder sizes = new StringBuilder();
        for (int s = 5; s <= seconds; s += 5) {
            Thread.sleep(5_000);
            sizes.append(String.format(" %d s: %,d;", s, size(data) / n));
        }
        System.out.printf("while serving, idle %s, bytes a decision at%s%n", after, sizes);
    }

    private static final Pattern NEXT = Pattern.compile("\"next\":\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"decisionId\":\"([^\"]+)\"");

    /** Lists every page (1,000 a page), shows 2,000 and replays 500 random decisions, exports all as NDJSON: times. */
    private static void reads(HttpClient client, String base, String token, long n) throws Exception {
        List<String> ids = new ArrayList<>();
        long t0 = System.nanoTime();
        String next = null;
        do {
            String body = get(client, token, base + "/v1/decisions?limit=1000" + (next == null ? "" : "&after=" + next));
            Matcher m = ID.matcher(body);
            while (m.find()) ids.add(m.group(1));
            Matcher c = NEXT.matcher(body);
            next = c.find() ? c.group(1) : null;
        } while (next != null);
        double list = (System.nanoTime() - t0) / 1e9;
        Random random = new Random(1);
        t0 = System.nanoTime();
        for (int i = 0; i < 2_000; i++) get(client, token, base + "/v1/decisions/" + ids.get(random.nextInt(ids.size())));
        double show = (System.nanoTime() - t0) / 1e6 / 2_000;
        t0 = System.nanoTime();
        for (int i = 0; i < 500; i++) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/v1/decisions/" + ids.get(random.nextInt(ids.size())) + "/replay"))
                    .header("Authorization", token).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) throw new IllegalStateException("replay: " + r.statusCode() + " " + r.body());
        }
        double replay = (System.nanoTime() - t0) / 1e6 / 500;
        t0 = System.nanoTime();
        HttpResponse<Stream<String>> export = client.send(HttpRequest.newBuilder(URI.create(base + "/v1/decisions/export")).header("Authorization", token).build(),
                HttpResponse.BodyHandlers.ofLines());
        long lines = export.body().count();
        double exported = (System.nanoTime() - t0) / 1e9;
        System.out.printf("reads while serving: listed %,d in pages of 1000 in %.2f s; show %.2f ms; replay %.2f ms; export of %,d lines %.2f s%n",
                ids.size(), list, show, replay, lines, exported);
        if (ids.size() != n) throw new IllegalStateException("listed " + ids.size() + " of " + n);
    }

    private static String get(HttpClient client, String token, String url) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", token).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException(url + ": " + r.statusCode() + " " + r.body());
        return r.body();
    }

    private static long size(Path folder) throws Exception {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
