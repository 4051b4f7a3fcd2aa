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

import callcheck.reload.RulesWatcher;

import java.nio.file.Files;
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

    @Option(names = "--examples", defaultValue = "${env:CALLCHECK_EXAMPLES:-examples}", description = "examples that gate each reload (default: ${DEFAULT-VALUE}, env CALLCHECK_EXAMPLES)")
    Path examples;

    @Option(names = "--watch", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "reload a pack when its files change, if it compiles and its examples still pass (default: on; --no-watch to serve what loaded at start)")
    boolean watch;

    @Override
    public Integer call() throws InterruptedException, java.io.IOException {
        long loading = System.nanoTime();
        LoadReport report = LoadReport.load(rules, new PackLoader());
        long compiledMillis = (System.nanoTime() - loading) / 1_000_000;
        for (Map.Entry<String, List<CompileError>> f : report.failures().entrySet()) {
            for (CompileError e : f.getValue()) LOG.error("pack {} does not compile: {}", f.getKey(), e);
        }
        Engine engine = new Engine(report.packs());
        HttpServer server = new HttpServer(engine, report.failures());
        int bound;
        try {
            bound = server.start(host, port);
        } catch (JavalinBindException e) {
            System.err.println("cannot listen on " + host + ":" + port + ": " + e.getMessage());
            return 2;
        }
        // The watcher is the only one that swaps packs; /health shows what its last reload of each pack found.
        RulesWatcher watcher = watch ? RulesWatcher.start(engine, rules, Files.isDirectory(examples) ? examples : null,
                RulesWatcher.SETTLE, status -> server.health().failures(status.failures())) : null;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping: letting requests in flight finish");
            if (watcher != null) watcher.close();
            server.stop();
            stopped.countDown();
        }, "callcheck-shutdown"));
        LOG.info("serving {} pack version(s) of {} on http://{}:{} ({} failed to compile; compiled in {} ms; {})",
                report.packs().all().size(), rules, host, bound, report.failures().size(), compiledMillis,
                watch ? "reloading on change" : "not watching for changes");
        stopped.await();
        return 0;
    }
}
