package callcheck.bench;

import callcheck.evaluation.PackEngine;
import callcheck.evaluation.Ulid;
import callcheck.examples.Example;
import callcheck.http.HttpServer;
import callcheck.store.Decision;
import callcheck.store.DecisionStore;
import callcheck.store.Filter;
import callcheck.support.Postgres;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Several service instances on one PostgreSQL, never run by the tests (src/test/bench/replicas.sh runs it):
 * <ol>
 * <li>evaluations per second over HTTP with one, two and three instances on one database, closed loop, the clients
 *     spread over the instances in turn, every example of every call in turn; each count is measured twice (1, 2, 3,
 *     3, 2, 1) and the ratios are of the means to one instance's. On one machine the instances share its cores: what the ratios
 *     show is what the shared database costs them, not how instances on machines of their own scale;</li>
 * <li>what the database takes: decisions recorded straight into the stores of three instances from many threads,
 *     without HTTP or evaluation, in records a second.</li>
 * </ol>
 * Each instance is an {@link HttpServer} with a store of its own (its own connection pool and group-commit writer, as
 * a process has); they share this JVM and the compiled packs, so that the machine's memory holds three.
 * Arguments: [seconds per phase, default 20] [decisions for the database's rate, default 200000] [seconds of warm-up, 90].
 */
public final class ReplicasBenchmark {
    private static final int CLIENTS = 16;
    private static final int WRITERS = 64;

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int records = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        // Drools compiles its constraints, then the JIT follows: on two busy cores the rate still climbed after 90 s.
        int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 90;
        PackEngine engine = PackEngine.load(Path.of("rules"));
        List<Example> examples = Example.all(Path.of("examples"));
        System.out.printf(Locale.ROOT, "machine: %d processors, load average %.2f, heap max %d MB; %d clients, %d s a phase after %d s warm-up%n",
                Runtime.getRuntime().availableProcessors(), java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().maxMemory() >> 20, CLIENTS, seconds, warmUp);
        String url = Postgres.server().newDatabase();

        throughput("warm-up (JIT)", engine, url, 1, examples, warmUp);
        // 1, 2, 3, 3, 2, 1: a machine whose load drifts during the run weighs on each count alike.
        double[] rates = new double[4];
        for (int n : new int[] {1, 2, 3, 3, 2, 1}) rates[n] += throughput(n + (n == 1 ? " instance" : " instances"), engine, url, n, examples, seconds) / 2;
        System.out.printf(Locale.ROOT, "mean of two runs each: 1 instance %.0f, 2 instances %.0f, 3 instances %.0f evaluations/s%n",
                rates[1], rates[2], rates[3]);
        System.out.printf(Locale.ROOT, "ratio to one instance: 2 instances %.2f, 3 instances %.2f%n", rates[2] / rates[1], rates[3] / rates[1]);

        databaseRate(url, 3, records);
        System.exit(0);
    }

    /** Closed loop over {@code instances} servers on the database, client i on instance i mod n; 200s a second. */
    private static double throughput(String name, PackEngine engine, String url, int instances, List<Example> examples, int seconds)
            throws Exception {
        List<HttpServer> servers = new ArrayList<>();
        List<DecisionStore> stores = new ArrayList<>();
        List<List<HttpRequest>> perInstance = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            DecisionStore store = DecisionStore.open(url, null);
            HttpServer server = new HttpServer(engine, Map.of(), store, false);
            int port = server.start("127.0.0.1", 0);
            stores.add(store);
            servers.add(server);
            List<HttpRequest> requests = new ArrayList<>();
            for (Example e : examples) {
                String q = e.expected().version() == null ? "" : "?version=" + e.expected().version();
                requests.add(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/calls/" + e.call() + "/evaluations" + q))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(e.proposal())).build());
            }
            perInstance.add(requests);
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ClosedLoop.run(client, perInstance, CLIENTS, Math.max(1, seconds / 4), new AtomicLong(), new AtomicLong());
        AtomicLong ok = new AtomicLong(), failed = new AtomicLong();
        long t0 = System.nanoTime();
        ClosedLoop.run(client, perInstance, CLIENTS, seconds, ok, failed);
        double s = (System.nanoTime() - t0) / 1e9;
        for (HttpServer server : servers) server.stop();
        for (DecisionStore store : stores) store.close();
        double rate = ok.get() / s;
        System.out.printf(Locale.ROOT, "%-18s %8.0f evaluations/s (%d answered 200, %d not)%n", name, rate, ok.get(), failed.get());
        return rate;
    }


    /** Copies of a recorded decision (new ids) straight into the stores of {@code instances} instances from WRITERS threads. */
    private static void databaseRate(String url, int instances, int records) throws Exception {
        List<DecisionStore> stores = new ArrayList<>();
        for (int i = 0; i < instances; i++) stores.add(DecisionStore.open(url, null));
        Decision model = stores.get(0).find(stores.get(0).list(Filter.ALL, null, 1).decisions().get(0).id()).orElseThrow();
        AtomicLong left = new AtomicLong(records);
        List<Thread> writers = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int w = 0; w < WRITERS; w++) {
            DecisionStore store = stores.get(w % instances);
            Thread t = new Thread(() -> {
                while (left.getAndDecrement() > 0) {
                    store.record(new Decision(Ulid.next(), Instant.now(), model.askedBy(), model.call(), model.version(), model.digest(),
                            model.verdict(), model.tookMicros(), model.proposalJson(), model.verdictJson()), null);
                }
            });
            t.start();
            writers.add(t);
        }
        for (Thread t : writers) t.join();
        double s = (System.nanoTime() - t0) / 1e9;
        for (DecisionStore store : stores) store.close();
        try (var c = DriverManager.getConnection(url); var st = c.createStatement();
             var rs = st.executeQuery("SELECT pg_total_relation_size('decision') / count(*) FROM decision")) {
            rs.next();
            System.out.printf(Locale.ROOT, "PostgreSQL: %d decisions recorded through %d instances' stores from %d threads in %.1f s: %.0f records/s"
                    + " (%d bytes a decision with its proposal and verdict)%n", records, instances, WRITERS, s, records / s, rs.getLong(1));
        }
    }
}
