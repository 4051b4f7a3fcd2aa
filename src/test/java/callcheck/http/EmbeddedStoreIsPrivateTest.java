package callcheck.http;

import callcheck.cli.CliRun;
import callcheck.support.ProposalJson;
import callcheck.support.RulesCopy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The embedded store opens no network port (H2's AUTO_SERVER did, on every interface, its key in a file every user
 * could read), keeps its folder and files to its owner, and the command line refuses a store a running service has
 * open, saying why.
 */
class EmbeddedStoreIsPrivateTest {
    private static final Pattern SOCKET = Pattern.compile("socket:\\[(\\d+)]");
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path temp;

    @Test
    void serve_listens_on_its_http_port_only_and_its_store_is_its_owners_alone() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/net/tcp")), "lists sockets from Linux's /proc");
        Path rules = RulesCopy.into(temp.resolve("rules"), "507").root();
        Path data = temp.resolve("data");
        try (ServerProcess server = ServerProcess.serve(rules, "--data", data.toString())) {
            assertThat(evaluate(server.base).statusCode()).as("the store opened and records").isEqualTo(200);

            assertThat(listeningPorts(server.pid())).containsExactly(server.base.getPort());

            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
            try (Stream<Path> files = Files.list(data)) {
                List<Path> all = files.toList();
                assertThat(all).isNotEmpty();
                for (Path f : all) assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString()).isEqualTo("rw-------");
            }

            CliRun refused = CliRun.of("token", "add", "analyst", "--data", data.toString());
            assertThat(refused.exit()).as(refused.out() + refused.err()).isEqualTo(2);
            assertThat(refused.err()).contains("is in use by a running service", "stop it");
            CliRun list = CliRun.of("decisions", "list", "--data", data.toString());
            assertThat(list.exit()).isEqualTo(2);
            assertThat(list.err()).contains("is in use by a running service");
            CliRun compact = CliRun.of("store", "compact", "--data", data.toString());
            assertThat(compact.exit()).isEqualTo(2);
            assertThat(compact.err()).contains("is in use by a running service");
            assertThat(evaluate(server.base).statusCode()).as("the service keeps its store").isEqualTo(200);

            assertThat(server.terminate()).isIn(0, 143);
        }
        CliRun added = CliRun.of("token", "add", "analyst", "--data", data.toString());
        assertThat(added.exit()).as("once the service stopped: " + added.err()).isZero();
        CliRun compacted = CliRun.of("store", "compact", "--data", data.toString());
        assertThat(compacted.exit()).as(compacted.err()).isZero();
        try (Stream<Path> files = Files.list(data)) {
            for (Path f : files.toList()) assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as("compacted " + f).isEqualTo("rw-------");
        }
    }

    /** The TCP ports the process listens on: its socket inodes (/proc/PID/fd) in the kernel's tables of listening sockets. */
    private static Set<Integer> listeningPorts(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    Matcher m = SOCKET.matcher(Files.readSymbolicLink(fd).toString());
                    if (m.matches()) inodes.add(m.group(1));
                } catch (IOException closedMeanwhile) {
                    // not a socket of the process any more
                }
            }
        }
        Set<Integer> ports = new TreeSet<>();
        for (String table : List.of("tcp", "tcp6")) {
            Path file = Path.of("/proc", Long.toString(pid), "net", table);
            if (!Files.exists(file)) continue;
            for (String line : Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
                // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
                String[] f = line.trim().split("\\s+");
                boolean listening = f[3].equals("0A");
                if (listening && inodes.contains(f[9])) ports.add(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16));
            }
        }
        return ports;
    }

    private HttpResponse<String> evaluate(URI base) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(base.resolve("/v1/calls/507/evaluations")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ProposalJson.from("507/eligible-tielt-pittem.json").text())).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
