package callcheck.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The durable record of decisions, the packs that made them, and the API tokens. {@link #open} gives the embedded
 * store (H2 in a folder) or PostgreSQL; both have one schema (Flyway migrations in db/migration).
 * <p>
 * {@link #record} returns only once the decision is committed; many callers' records are committed together (one
 * writer thread, one transaction per batch), so the cost per decision stays small under load.
 */
public interface DecisionStore extends AutoCloseable {

    /** The embedded store in {@code dataFolder} when {@code url} is null, else the database of the JDBC URL. */
    static DecisionStore open(String url, java.nio.file.Path dataFolder) {
        return JdbcStore.open(url, dataFolder);
    }

    /**
     * Stores the decision, and the pack that decided when its digest is not archived yet; returns once both are
     * committed. Throws {@link StoreUnavailableException} when they could not be: then nothing of the decision is.
     */
    void record(Decision decision, Pack pack);

    /**
     * Stores a call round, the decisions it made on the proposals given inline, and the pack that decided, in one
     * transaction; returns once it is committed. Throws {@link StoreUnavailableException} when it could not be: then
     * nothing of the round is.
     */
    void recordRound(RoundRecord round, List<Decision> decisions, Pack pack);

    Optional<Decision> find(String id);

    Optional<RoundRecord> findRound(String id);

    /** Up to {@code limit} decisions matching, newest first, after the decision {@code afterId} (null: from the newest). */
    Page list(Filter filter, String afterId, int limit);

    /**
     * Every decision matching, oldest first, handed over one at a time as the database returns them; as
     * {@link Decision#summary} (without the JSON, much less to read) when {@code summaries}.
     */
    void export(Filter filter, boolean summaries, Consumer<Decision> each);

    /** The archived pack of a digest. */
    Optional<Pack> pack(String digest);

    /** Erases the proposals of the decisions received before the instant (their verdicts stay); returns how many. */
    int eraseProposalsBefore(Instant cutoff);

    /** Creates a token for the name and returns it; only its hash is kept. A name that exists is an error. */
    String addToken(String name);

    /** The names of the tokens, with when each was made. */
    List<TokenInfo> tokens();

    boolean removeToken(String name);

    /** The name of the token, or empty when it is no token of this store. */
    Optional<String> tokenName(String token);

    /** A token's name and when it was made. */
    record TokenInfo(String name, Instant createdAt) {
    }

    /**
     * Whether the store records: false from a failed record (or read) until a write commits again. Meanwhile a probe
     * lets go of the connections and writes for real every second, so that the store reopens by itself once the
     * cause (a full disk, a read-only file, a database that closed itself) is gone; /health/ready is 503 while false.
     */
    boolean available();

    /** Whether the thread that commits the records runs: false once it has ended (/health/live is then 503). */
    boolean writing();

    /** Waits for the records handed in to be committed, then closes the connections. */
    @Override
    void close();
}
