package callcheck.store;

import org.h2.store.fs.FileBase;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.util.concurrent.CountDownLatch;

/**
 * A disk under H2 that holds the writes to the store's file on command, as a slow or stalled disk would, and then
 * lets them through or fails them as a full disk does: H2's own file-system hook ({@code jdbc:h2:slowdisk:...}), so
 * that what reaches the file, and when, is the test's to decide.
 */
public final class SlowDisk extends FilePathWrapper {
    private static final String SCHEME = "slowdisk";
    private static volatile CountDownLatch release;
    private static volatile boolean fail;
    private static final CountDownLatch NONE = new CountDownLatch(0);
    private static volatile CountDownLatch held = NONE;

    static {
        FilePath.register(new SlowDisk());
    }

    /** The store's H2 URL with its file under this disk. */
    static String wrap(String h2Url) {
        return h2Url.replaceFirst("^jdbc:h2:", "jdbc:h2:" + SCHEME + ":");
    }

    /** From now on, a write to the store's file waits until {@link #release}; {@code held} counts down when one waits. */
    static synchronized CountDownLatch hold() {
        release = new CountDownLatch(1);
        held = new CountDownLatch(1);
        return held;
    }

    /** Lets the held writes go, failing them (as a full disk) or not; later writes fail the same until {@link #heal}. */
    static synchronized void release(boolean failing) {
        fail = failing;
        if (release != null) release.countDown();
        release = null;
    }

    /** Writes reach the file again. */
    static synchronized void heal() {
        fail = false;
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        FileChannel base = super.open(mode);
        return name.endsWith(".mv.db") ? new Held(base) : base;
    }

    private static void beforeWrite() throws IOException {
        CountDownLatch r = release;
        if (r != null) {
            held.countDown();
            try {
                r.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the disk held a write");
            }
        }
        if (fail) throw new IOException("No space left on device (injected by SlowDisk)");
    }

    private static final class Held extends FileBase {
        private final FileChannel base;

        Held(FileChannel base) {
            this.base = base;
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            beforeWrite();
            return base.write(src, position);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            beforeWrite();
            return base.write(src);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return base.read(dst, position);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return base.read(dst);
        }

        @Override
        public long position() throws IOException {
            return base.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            base.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return base.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            beforeWrite();
            base.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            base.force(metaData);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return base.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            base.close();
        }
    }
}
