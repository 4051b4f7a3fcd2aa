package callcheck.cli;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;

/**
 * A container's health check from inside the container, whose image has no shell and no curl:
 * {@code java -cp @/app/jib-classpath-file callcheck.cli.HealthProbe [PATH]} asks the service on this machine
 * ({@code CALLCHECK_PORT}, default 7070) for {@code PATH} (default {@code /health/ready}) and exits 0 on 200, 1
 * otherwise. A plain main rather than a command of {@link Main}: it loads no library (picocli, logging), so that a
 * check every few seconds costs a JVM's start alone.
 */
public final class HealthProbe {
    private HealthProbe() {
    }

    public static void main(String[] args) {
        String path = args.length > 0 ? args[0] : "/health/ready";
        String port = System.getenv().getOrDefault("CALLCHECK_PORT", "7070");
        int status = status(URI.create("http://127.0.0.1:" + port + path));
        System.out.println(path + " " + (status < 0 ? "no answer" : status));
        System.exit(status == 200 ? 0 : 1);
    }

    /** The HTTP status of a GET of {@code uri}, -1 when nothing answered within 3 s. */
    static int status(URI uri) {
        try {
            HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
            c.setConnectTimeout(3000);
            c.setReadTimeout(3000);
            try {
                return c.getResponseCode();
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            return -1;
        }
    }
}
