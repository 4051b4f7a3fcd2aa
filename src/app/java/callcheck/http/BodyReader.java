package callcheck.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * Reads a request body while bounding what a slow client costs: after a grace period the body must arrive at a
 * minimum rate, or it is refused (408 {@code body_too_slow}) and the thread goes back to work; a body that stops
 * short of its Content-Length ends at the connection's idle timeout ({@link HttpServer#IDLE_TIMEOUT}), not Jetty's
 * default 30 s. Jetty 12 keeps {@code HttpConfiguration.minRequestDataRate} as a setting but no longer enforces it.
 */
final class BodyReader {
    /** A proposal of a few KB comes in one packet; 1 KB/s refuses only a client that trickles. */
    static final int MIN_BYTES_PER_SECOND = 1024;
    /** How long a body may take whatever its rate: a slow mobile link, a proposal of 256 KB over a slow start. */
    static final long GRACE_MILLIS = 2_000;
    /** How long a refused body is read on to give its client the answer: 16 MB over a fast link. */
    static final long DRAIN_MILLIS = 5_000;

    private BodyReader() {
    }

    /**
     * The body: exactly {@code declared} bytes when it has a length (already checked against the limit), else at most
     * {@code max} bytes, each chunk told to {@code grown} as the array grows to hold it.
     */
    static byte[] read(InputStream in, long declared, int max, LongConsumer grown) {
        Progress progress = new Progress(declared, max);
        byte[] body = new byte[declared >= 0 ? (int) declared : Math.min(max + 1, 16 * 1024)];
        if (declared < 0) grown.accept(body.length);
        int total = 0;
        try {
            while (declared < 0 || total < declared) {
                if (total == body.length) {
                    int length = Math.min(body.length * 2, max + 1);
                    grown.accept(length - body.length);
                    body = Arrays.copyOf(body, length);
                }
                int n = in.read(body, total, body.length - total);
                if (n < 0) break;
                total += n;
                progress.arrived(n);
            }
        } catch (IOException e) {
            throw progress.unreadable(e.getMessage());
        }
        progress.ended();
        return total == body.length ? body : Arrays.copyOf(body, total);
    }

    /**
     * The body as a stream for a parser that reads it as it comes, holding none of it: with the same checks as
     * {@link #read}, each thrown as the {@link ApiError} it answers.
     */
    static InputStream stream(InputStream in, long declared, int max) {
        Progress progress = new Progress(declared, max);
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int n;
                try {
                    n = in.read(b, off, len);
                } catch (IOException e) {
                    throw progress.unreadable(e.getMessage());
                }
                if (n < 0) progress.ended();
                else progress.arrived(n);
                return n;
            }

            @Override
            public void close() {
                // the container's stream: a parser that closes its source leaves the rest to drain (below)
            }
        };
    }

    /**
     * Reads and drops the rest of a refused body, for a while, so that a client still sending it gets the answer: an
     * HTTP/1.1 client reads it only once it has sent its body, and the server closes a connection whose body is left
     * unread. A body that trickles, or that takes longer than {@link #DRAIN_MILLIS}, is left to that close.
     */
    static void drain(InputStream body) {
        long end = System.nanoTime() + DRAIN_MILLIS * 1_000_000;
        byte[] scratch = new byte[8192];
        try {
            while (System.nanoTime() < end && body.read(scratch, 0, scratch.length) >= 0) {
                // dropped
            }
        } catch (IOException | RuntimeException e) {
            // refused already; the close tells the rest
        }
    }

    /** What has arrived of a body so far, and the checks on it. */
    private static final class Progress {
        private final long start = System.nanoTime();
        private final long declared;
        private final int max;
        private long total;

        Progress(long declared, int max) {
            this.declared = declared;
            this.max = max;
        }

        void arrived(int n) {
            total += n;
            if (declared < 0 && total > max) throw RequestChecks.refuseTooLarge(max);
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (millis > GRACE_MILLIS && total * 1000L < MIN_BYTES_PER_SECOND * millis) {
                throw new ApiError(408, "body_too_slow", null, "the body arrived at " + total * 1000L / millis
                        + " bytes a second; a body must arrive at " + MIN_BYTES_PER_SECOND + " bytes a second or more");
            }
        }

        void ended() {
            if (declared >= 0 && total < declared) throw unreadable("it ended after " + total + " bytes");
        }

        /** The client went away or stalled until the idle timeout: its fault, not the service's. */
        ApiError unreadable(String why) {
            return new ApiError(400, "unreadable", null, "the body could not be read" + (declared >= 0 ? ": it ended before its Content-Length of "
                    + declared + " bytes" : "") + " (" + why + ")");
        }
    }
}
