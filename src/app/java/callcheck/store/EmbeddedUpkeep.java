package callcheck.store;

import org.h2.jdbc.JdbcConnection;
import org.h2.engine.SessionLocal;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Keeps the embedded store's file near the size of its live data while the service runs. H2 appends a chunk at each
 * commit (a commit rewrites whole pages of up to 64 KB, so a chunk holds far more than the decisions it adds) and
 * gives the space of old chunks back only once no page in them is live and they are older than its retention time.
 * With {@code WRITE_DELAY=0} H2 has no background thread of its own, so the service does this work, once a second,
 * on H2's MVStore API (the database runs in this process):
 * <ul>
 * <li>forces the file to disk ({@code fsync}) when something was written since the last run: outside any commit, so
 * no request waits for it;</li>
 * <li>lets H2 write over a chunk no longer needed {@link #RETENTION_MILLIS} after it was written (H2's default is 45 s,
 * on the assumption that the operating system has written everything by then; forced once a second, it has after two),
 * so that a running store no longer holds 45 s of writes beyond its data;</li>
 * <li>rewrites the live pages of the emptiest chunks (at most {@link #REWRITE_BYTES} a run, {@link #IDLE_REWRITE_BYTES}
 * when nothing else was written since the last run) so that the rest of them can be given back;</li>
 * <li>when nothing else was written since the last run and nothing is left to rewrite, moves chunks from the end of
 * the file into its gaps (H2 forces the file to disk before it overwrites anything there) and shortens the file.</li>
 * </ul>
 */
final class EmbeddedUpkeep {
    static final long PERIOD_MILLIS = 1_000;
    /** Two runs, so two forces to disk, at least: see the class comment. */
    static final int RETENTION_MILLIS = 2_000;
    /** Chunks whose live pages fill less than this share are rewritten; the file is compacted below it when idle. */
    static final int FILL_RATE = 80;
    /** At most this many bytes of live pages rewritten a run while decisions come in: a commit waits for the rewrite. */
    static final int REWRITE_BYTES = 1 << 20;
    /** When nothing else was written since the last run: the file grows by this much at most before it shrinks. */
    static final int IDLE_REWRITE_BYTES = 4 << 20;
    /** At most this many bytes of chunks moved towards the start of the file in an idle run. */
    static final int MOVE_BYTES = 16 << 20;

    /** H2's version of the store after the last run: any write, by a commit or by this upkeep, makes a new one. */
    private long version = -1;
    /** Whether the last run wrote, or may have let a commit write, what this one forces to disk. */
    private boolean unsynced;

    /** H2's store under a connection of the pool. */
    static MVStore mvStore(Connection c) throws SQLException {
        return ((SessionLocal) c.unwrap(JdbcConnection.class).getSession()).getDatabase().getStore().getMvStore();
    }

    static void configure(Connection c) throws SQLException {
        mvStore(c).setRetentionTime(RETENTION_MILLIS);
    }

    /** One run; compacts the file when nothing but this upkeep wrote since the last. */
    void run(Connection c) throws SQLException {
        MVStore store = mvStore(c);
        if (store.isClosed() || store.getPanicException() != null) return;
        long now = store.getCurrentVersion();
        boolean idle = now == version;
        if (!idle || unsynced) store.sync();
        unsynced = store.compact(FILL_RATE, idle ? IDLE_REWRITE_BYTES : REWRITE_BYTES);
        if (unsynced) {
            now = Math.max(now, store.commit()); // writes the rewritten pages, so that the old chunks die
        } else if (idle && store.getFileStore() instanceof RandomAccessStore file) {
            // Drops the chunks no longer needed first (a commit would), then moves chunks if the file is below the fill
            // rate; a chunk written inside the file then shortens it to what is in use. Nothing else may write: the
            // store's own version setting (unused by H2's SQL) is written as it is, for a chunk of a few bytes.
            int fill = store.getFillRate();
            file.compactMoveChunks(FILL_RATE, MOVE_BYTES, store);
            if (store.getFillRate() != fill) {
                store.setStoreVersion(store.getStoreVersion());
                store.commit();
            }
            long after = store.getCurrentVersion();
            unsynced = after != now; // this run or a commit meanwhile wrote: the next run forces it to disk
            now = after;
        }
        version = now;
    }
}
