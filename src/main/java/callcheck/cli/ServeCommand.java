package callcheck.cli;

import callcheck.engine.Engine;
import callcheck.engine.LoadReport;
import callcheck.http.HttpServer;
import callcheck.pack.CompileError;
import callcheck.pack.PackLoader;
import io.javalin.util.JavalinBindException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * Serves the rules folder over HTTP until the process is stopped; a stop (Ctrl-C, SIGTERM) lets requests in flight
 * finish. A pack that does not compile is logged with file and line and leaves /health not ready; the others serve.
 */
@Command(name = "serve", description = "Serve the HTTP API (see /openapi.json) over the rules folder.")
final class ServeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Option(names = "--port", defaultValue = "${env:CALLCHECK_PORT:-7070}", description = "port to listen on, 0 for any free one (default: ${DEFAULT-VALUE}, env CALLCHECK_PORT)")
    int port;

    @Option(names = "--host", defaultValue = "${env:CALLCHECK_HOST:-0.0.0.0}", description = "interface to listen on (default: ${DEFAULT-VALUE}, env CALLCHECK_HOST)")
    String host;

    @Option(names = "--rules", defaultValue = "${env:CALLCHECK_RULES:-rules}", description = "rules folder (default: ${DEFAULT-VALUE}, env CALLCHECK_RULES)")
    Path rules;

    @Override
    public Integer call() throws InterruptedException {
        LoadReport report = LoadReport.load(rules, new PackLoader());
        for (Map.Entry<String, List<CompileError>> f : report.failures().entrySet()) {
            for (CompileError e : f.getValue()) LOG.error("pack {} does not compile: {}", f.getKey(), e);
        }
        HttpServer server = new HttpServer(new Engine(report.packs()), report.failures());
        int bound;
        try {
            bound = server.start(host, port);
        } catch (JavalinBindException e) {
            System.err.println("cannot listen on " + host + ":" + port + ": " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping: letting requests in flight finish");
            server.stop();
            stopped.countDown();
        }, "callcheck-shutdown"));
        LOG.info("serving {} pack version(s) of {} on http://{}:{} ({} failed to compile)", report.packs().all().size(),
                rules, host, bound, report.failures().size());
        stopped.await();
        return 0;
    }
}
