package callcheck.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The durable record of decisions, the packs that made them, the API tokens, and which published packs serve from
 * when ({@link Activation}). {@link #open} gives the embedded
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
     * Compacts the embedded store in the folder wholly (the file rewritten with only its live pages, compressed);
     * refused with {@link StoreInUseException} while a service has it open. A stop compacts for a few seconds only.
     */
    static Compacted compactEmbedded(java.nio.file.Path dataFolder) {
        return JdbcStore.compact(dataFolder);
    }

    /** The sizes in bytes of the embedded store's file before and after a compaction. */
    record Compacted(long before, long after) {
    }

    /**
     * Stores the decision, and the pack that decided when its digest is not archived yet; returns once both are
     * committed. Throws {@link StoreUnavailableException} when they could not be: then nothing of the decision is;
     * {@link StoreTimeoutException} when the store did not confirm in time: then it may have been recorded.
     */
    default void record(Decision decision, Pack pack) {
        record(decision, pack, null);
    }

    /**
     * As {@link #record(Decision, Pack)}, under an Idempotency-Key (null: none) whose {@code answerId} is the
     * decision's id, in the same transaction. Returns the key as the store holds it: this one when the decision was
     * recorded, else the one recorded first under the same sender and key (then nothing was recorded).
     */
    IdempotencyKey record(Decision decision, Pack pack, IdempotencyKey key);

    /**
     * Stores a call round, the decisions it made on the proposals given inline, and the pack that decided, in one
     * transaction; returns once it is committed. Throws {@link StoreUnavailableException} when it could not be: then
     * nothing of the round is; {@link StoreTimeoutException} when the store did not confirm in time.
     */
    default void recordRound(RoundRecord round, List<Decision> decisions, Pack pack) {
        recordRound(round, decisions, pack, null);
    }

    /** As {@link #recordRound(RoundRecord, List, Pack)} under an Idempotency-Key, as {@link #record(Decision, Pack, IdempotencyKey)}. */
    IdempotencyKey recordRound(RoundRecord round, List<Decision> decisions, Pack pack, IdempotencyKey key);

    /** How long an Idempotency-Key answers its first answer again. */
    java.time.Duration IDEMPOTENCY_WINDOW = java.time.Duration.ofHours(24);

    /** The Idempotency-Key recorded by the sender within {@link #IDEMPOTENCY_WINDOW}, if any. */
    Optional<IdempotencyKey> idempotencyKey(String askedBy, String key);

    /**
     * An Idempotency-Key as stored: who sent it (a token's name, "" without one: keys are the sender's own), the key,
     * the SHA-256 of the request it came with, and the id of the answer (a decisionId or roundId).
     */
    record IdempotencyKey(String askedBy, String key, String requestHash, String answerId) {
        public IdempotencyKey answering(String id) {
            return new IdempotencyKey(askedBy, key, requestHash, id);
        }
    }

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

    /** Archives the pack by its digest unless it is archived already (callcheck publish). */
    void archive(Pack pack);

    /** The call and version of each archived digest that starts with the prefix (a digest as a person types it). */
    List<Pack> archivedLike(String digestPrefix);

    /**
     * Records an activation (its id made here) of digests already archived; on PostgreSQL, tells every instance that
     * listens ({@link #onActivations}) once it is committed.
     */
    Activation activate(String call, List<String> digests, Instant activeFrom, String publishedBy, String kind, String restores);

    /** The activations of the call (null: of every call), in the order they take over ({@link Activation#ORDER}). */
    List<Activation> activations(String call);

    /**
     * Calls {@code changed} whenever an activation is recorded by any process, as PostgreSQL tells it (LISTEN/NOTIFY on a
     * connection of its own, made again when lost, {@code changed} called then too); on H2 never (callers poll).
     * Closing the handle stops listening.
     */
    AutoCloseable onActivations(Runnable changed);

    /**
     * Erases the proposals of the decisions and the inline proposals of the rounds received before the instant (their
     * verdicts, ids and totals stay); returns how many records it changed.
     */
    int eraseProposalsBefore(Instant cutoff);

    /**
     * Creates a token for the name with the scopes (at least one) and returns it; only its hash is kept. A name that
     * exists is an error.
     */
    String addToken(String name, Set<TokenScope> scopes);

    /** A token with every scope, as every token had before scopes: for code that evaluates and reads both. */
    default String addToken(String name) {
        return addToken(name, TokenScope.ALL);
    }

    /** The names of the tokens, with their scopes and when each was made. */
    List<TokenInfo> tokens();

    boolean removeToken(String name);

    /** The token's name and scopes, or empty when it is no token of this store. */
    Optional<TokenInfo> token(String token);

    /** A token's name, what it may do, and when it was made. */
    record TokenInfo(String name, Set<TokenScope> scopes, Instant createdAt) {
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
