package callcheck.bench;

import callcheck.http.HttpServer;
import callcheck.evaluation.PackEngine;
import callcheck.evaluation.Ulid;
import callcheck.examples.Example;
import callcheck.store.Decision;
import callcheck.store.DecisionStore;
import callcheck.store.Export;
import callcheck.store.Filter;
import callcheck.store.Page;
import callcheck.support.Postgres;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The cost of recording every decision, never run by the tests (src/test/bench/store.sh runs it):
 * <ol>
 * <li>evaluations per second over HTTP without a store, with the embedded store (H2) and with PostgreSQL, in one run,
 *     closed loop, every example of every call in turn;</li>
 * <li>bytes per decision on each store (H2: while serving, after the stop, after {@code store compact}, and with the
 *     proposals erased);</li>
 * <li>a listing of all pages and an export of N decisions (default 1,000,000, made up from the real ones): time and
 *     the heap's peak.</li>
 * </ol>
 * Arguments: [seconds per phase, default 20] [decisions for the list and export, default 1000000] [h2|pg|both].
 */
public final class StoreBenchmark {
    private static final int CLIENTS = 16;

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int many = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        String which = args.length > 2 ? args[2] : "both";
        Path work = Files.createTempDirectory("callcheck-store-bench");
        PackEngine engine = PackEngine.load(Path.of("rules"));
        List<Example> examples = Example.all(Path.of("examples"));
        System.out.printf("machine: %d processors, heap max %d MB; %d clients, %d s a phase after %d s warm-up%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, CLIENTS, seconds, seconds / 2);

        String pgUrl = which.equals("h2") ? null : Postgres.server().newDatabase();
        Path h2 = work.resolve("h2");
        throughput("warm-up (JIT)", engine, null, examples, seconds);
        double none = throughput("no store", engine, null, examples, seconds);
        double withH2 = 0, withPg = 0;
        if (!which.equals("pg")) {
            long open;
            try (DecisionStore s = DecisionStore.open(null, h2)) {
                withH2 = throughput("embedded H2", engine, s, examples, seconds);
                open = size(h2);
            }
            long n = count(null, h2);
            long stopped = size(h2);
            DecisionStore.compactEmbedded(h2);
            long compacted = size(h2);
            try (DecisionStore s = DecisionStore.open(null, h2)) {
                s.eraseProposalsBefore(Instant.now().plusSeconds(1));
            }
            DecisionStore.compactEmbedded(h2);
            long erased = size(h2);
            System.out.printf("H2: %d decisions; bytes a decision (the files, with the archived packs): %d while serving, %d after"
                    + " the stop (which compacts for a few seconds), %d after store compact, %d with every proposal erased and"
                    + " compacted again%n", n, open / n, stopped / n, compacted / n, erased / n);
        }
        if (!which.equals("h2")) {
            try (DecisionStore s = DecisionStore.open(pgUrl, null)) {
                withPg = throughput("PostgreSQL", engine, s, examples, seconds);
            }
            try (var c = DriverManager.getConnection(pgUrl); var st = c.createStatement();
                 var rs = st.executeQuery("SELECT pg_total_relation_size('decision'), count(*) FROM decision")) {
                rs.next();
                System.out.printf("PostgreSQL: %d decisions in %d bytes: %d bytes a decision (table, TOAST and indexes)%n",
                        rs.getLong(2), rs.getLong(1), rs.getLong(1) / rs.getLong(2));
            }
        }
        double again = throughput("no store, again", engine, null, examples, seconds);
        double baseline = (none + again) / 2;
        System.out.printf("ratio to no store (mean of the two runs without): H2 %.2f, PostgreSQL %.2f%n", withH2 / baseline, withPg / baseline);

        if (many > 0 && !which.equals("pg")) listAndExport("H2", DecisionStore.open(null, h2), many);
        if (many > 0 && !which.equals("h2")) listAndExport("PostgreSQL", DecisionStore.open(pgUrl, null), many);
        System.exit(0);
    }

    /** Closed loop: CLIENTS threads, each sending its next evaluation when the answer is in; 200s a second. */
    private static double throughput(String name, PackEngine engine, DecisionStore store, List<Example> examples, int seconds) throws Exception {
        HttpServer server = new HttpServer(engine, Map.of(), store, false);
        int port = server.start("127.0.0.1", 0);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<HttpRequest> requests = new ArrayList<>();
        for (Example e : examples) {
            String q = e.expected().version() == null ? "" : "?version=" + e.expected().version();
            requests.add(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/calls/" + e.call() + "/evaluations" + q))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(e.proposal())).build());
        }
        ClosedLoop.run(client, List.of(requests), CLIENTS, seconds / 2, new AtomicLong(), new AtomicLong());
        AtomicLong ok = new AtomicLong(), failed = new AtomicLong();
        long t0 = System.nanoTime();
        ClosedLoop.run(client, List.of(requests), CLIENTS, seconds, ok, failed);
        double s = (System.nanoTime() - t0) / 1e9;
        server.stop();
        double rate = ok.get() / s;
        System.out.printf("%-16s %8.0f evaluations/s (%d answered 200, %d not)%n", name, rate, ok.get(), failed.get());
        return rate;
    }


    /** Fills the store up to {@code many} decisions (copies of the last one with new ids), then lists and exports them all. */
    private static void listAndExport(String name, DecisionStore store, int many) throws Exception {
        try (store) {
            Decision model = store.list(Filter.ALL, null, 1).decisions().get(0);
            Decision full = store.find(model.id()).orElseThrow();
            int have = 0;
            for (String after = null; ; ) {
                Page p = store.list(Filter.ALL, after, 1000);
                have += p.decisions().size();
                if ((after = p.lastIdIfMore()) == null) break;
            }
            long t0 = System.nanoTime();
            int missing = many - have;
            List<Thread> writers = new ArrayList<>();
            AtomicLong left = new AtomicLong(missing);
            for (int w = 0; w < 64; w++) {
                Thread t = new Thread(() -> {
                    while (left.getAndDecrement() > 0) {
                        store.record(new Decision(Ulid.next(), Instant.now(), full.askedBy(), full.call(), full.version(), full.digest(),
                                full.verdict(), full.tookMicros(), full.proposalJson(), full.verdictJson()), null);
                    }
                });
                t.start();
                writers.add(t);
            }
            for (Thread t : writers) t.join();
            System.out.printf("%s: recorded %d decisions from 64 threads in %.1f s (%.0f a second)%n", name, missing,
                    (System.nanoTime() - t0) / 1e9, missing / ((System.nanoTime() - t0) / 1e9));

            System.gc();
            resetPeaks();
            t0 = System.nanoTime();
            int listed = 0;
            for (String after = null; ; ) {
                Page p = store.list(Filter.ALL, after, 1000);
                listed += p.decisions().size();
                if ((after = p.lastIdIfMore()) == null) break;
            }
            System.out.printf("%s: listed %d decisions in pages of 1000 in %.1f s; heap peak %d MB%n", name, listed,
                    (System.nanoTime() - t0) / 1e9, peakHeap() >> 20);

            for (String format : List.of("ndjson", "csv")) {
                System.gc();
                resetPeaks();
                t0 = System.nanoTime();
                CountingStream out = new CountingStream();
                if (format.equals("csv")) Export.csv(store, Filter.ALL, out);
                else Export.ndjson(store, Filter.ALL, out);
                System.out.printf("%s: exported %d bytes of %s in %.1f s; heap peak %d MB%n", name, out.bytes, format,
                        (System.nanoTime() - t0) / 1e9, peakHeap() >> 20);
            }
        }
    }

    private static final class CountingStream extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) p.resetPeakUsage();
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) sum += p.getPeakUsage().getUsed();
        return sum;
    }

    private static long size(Path folder) throws IOException {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static long count(String url, Path h2) {
        try (DecisionStore s = DecisionStore.open(url, h2)) {
            long n = 0;
            for (String after = null; ; ) {
                Page p = s.list(Filter.ALL, after, 1000);
                n += p.decisions().size();
                if ((after = p.lastIdIfMore()) == null) return n;
            }
        }
    }
}
