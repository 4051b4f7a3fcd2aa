package callcheck.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** The benchmarks' closed loop: each client sends its next request when the answer is in, counting 200s and the rest. */
final class ClosedLoop {
    private ClosedLoop() {
    }

    /** {@code clients} threads for {@code seconds}; client c sends the requests of target c mod the number of targets, in turn. */
    static void run(HttpClient client, List<List<HttpRequest>> targets, int clients, int seconds, AtomicLong ok, AtomicLong failed)
            throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            List<HttpRequest> requests = targets.get(c % targets.size());
            int offset = c;
            Thread t = new Thread(() -> {
                for (int i = offset; !stop.get(); i++) {
                    try {
                        HttpResponse<Void> r = client.send(requests.get(i % requests.size()), HttpResponse.BodyHandlers.discarding());
                        (r.statusCode() == 200 ? ok : failed).incrementAndGet();
                    } catch (IOException e) {
                        failed.incrementAndGet();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread t : threads) t.join();
    }
}
