package callcheck.store;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every store does, run against each ({@link H2StoreTest}, {@link PostgresStoreTest}). */
abstract class DecisionStoreContract {
    protected DecisionStore store;

    /** A new, empty store. */
    abstract DecisionStore open();

    @BeforeEach
    void openStore() {
        store = open();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private static final Pack PACK = new Pack("sha256:aa", "507", "2020-07-14", Map.of(
            "507/2020-07-14/pack.yaml", "call: 507".getBytes(StandardCharsets.UTF_8),
            "reference/municipalities.csv", "code;name".getBytes(StandardCharsets.UTF_8)));

    static Decision decision(String id, String call, String verdict, Instant at) {
        return new Decision(id, at, "portal", call, "v1", "sha256:aa", verdict, 1234,
                "{\"submittedOn\":\"2020-10-01\",\"title\":\"é ☃\"}", "{\"decisionId\":\"" + id + "\",\"verdict\":\"" + verdict + "\"}");
    }

    private static String id(int i) {
        return callcheck.evaluation.Ulid.format(1_764_000_000_000L + i, 0, i);
    }

    @Test
    void a_recorded_decision_reads_back_exactly() {
        Decision d = decision(id(1), "507", "ELIGIBLE", Instant.ofEpochMilli(1_764_000_000_001L));
        store.record(d, PACK);
        assertThat(store.find(d.id())).contains(d);
        assertThat(store.find(id(2))).isEmpty();
    }

    @Test
    void the_pack_is_archived_once_with_its_files() {
        store.record(decision(id(1), "507", "ELIGIBLE", Instant.now()), PACK);
        store.record(decision(id(2), "507", "ELIGIBLE", Instant.now()), PACK);
        Pack p = store.pack("sha256:aa").orElseThrow();
        assertThat(p.call()).isEqualTo("507");
        assertThat(p.version()).isEqualTo("2020-07-14");
        assertThat(p.files()).containsOnlyKeys(PACK.files().keySet());
        assertThat(p.files().get("reference/municipalities.csv")).isEqualTo("code;name".getBytes(StandardCharsets.UTF_8));
        assertThat(store.pack("sha256:bb")).isEmpty();
    }

    @Test
    void a_listing_is_newest_first_in_pages_that_follow_each_other_and_filters() {
        for (int i = 1; i <= 25; i++) {
            store.record(decision(id(i), i % 2 == 0 ? "507" : "426", i % 3 == 0 ? "INELIGIBLE" : "ELIGIBLE",
                    Instant.ofEpochMilli(1_764_000_000_000L + i)), PACK);
        }
        List<String> all = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            Page page = store.list(Filter.ALL, after, 10);
            page.decisions().forEach(d -> all.add(d.id()));
            assertThat(page.decisions()).allSatisfy(d -> assertThat(d.proposalJson()).isNull());
            after = page.lastIdIfMore();
            pages++;
        } while (after != null);
        assertThat(pages).isEqualTo(3);
        List<String> expected = new ArrayList<>();
        for (int i = 25; i >= 1; i--) expected.add(id(i));
        assertThat(all).isEqualTo(expected);

        assertThat(store.list(new Filter("507", null, null, null, null), null, 100).decisions()).hasSize(12)
                .allSatisfy(d -> assertThat(d.call()).isEqualTo("507"));
        assertThat(store.list(new Filter("507", null, "INELIGIBLE", null, null), null, 100).decisions()).extracting(Decision::id)
                .containsExactly(id(24), id(18), id(12), id(6));
        assertThat(store.list(new Filter(null, null, null, Instant.ofEpochMilli(1_764_000_000_010L), Instant.ofEpochMilli(1_764_000_000_013L)),
                null, 100).decisions()).extracting(Decision::id).containsExactly(id(12), id(11), id(10));
        assertThat(store.list(new Filter(null, "v2", null, null, null), null, 100).decisions()).isEmpty();
    }

    @Test
    void an_export_gives_every_decision_oldest_first_with_its_proposal_and_verdict() {
        for (int i = 1; i <= 1200; i++) store.record(decision(id(i), "507", "ELIGIBLE", Instant.ofEpochMilli(1_764_000_000_000L + i)), PACK);
        List<Decision> out = new ArrayList<>();
        store.export(Filter.ALL, false, out::add);
        assertThat(out).hasSize(1200);
        assertThat(out.get(0).id()).isEqualTo(id(1));
        assertThat(out.get(1199).verdictJson()).contains(id(1200));
        assertThat(out).allSatisfy(d -> assertThat(d.proposalJson()).contains("é ☃"));
        List<Decision> summaries = new ArrayList<>();
        store.export(new Filter(null, null, null, Instant.ofEpochMilli(1_764_000_000_101L), null), true, summaries::add);
        assertThat(summaries).hasSize(1100).allSatisfy(d -> assertThat(d.verdictJson()).isNull());
        assertThat(summaries.get(0)).isEqualTo(out.get(100).summary());
    }

    @Test
    void many_threads_record_at_once_and_every_record_is_kept() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<String>> ids = new ArrayList<>();
        for (int i = 0; i < 800; i++) {
            ids.add(pool.submit(() -> {
                String id = callcheck.evaluation.Ulid.next();
                store.record(decision(id, "507", "ELIGIBLE", Instant.now()), PACK);
                return id;
            }));
        }
        pool.shutdown();
        for (Future<String> f : ids) assertThat(store.find(f.get())).isPresent();
    }

    @Test
    void a_decision_id_twice_is_refused_not_overwritten() {
        Decision d = decision(id(1), "507", "ELIGIBLE", Instant.ofEpochMilli(1_764_000_000_001L));
        store.record(d, PACK);
        assertThatThrownBy(() -> store.record(decision(id(1), "426", "INELIGIBLE", Instant.now()), PACK))
                .isInstanceOf(StoreUnavailableException.class);
        assertThat(store.find(d.id())).contains(d);
        store.record(decision(id(2), "507", "ELIGIBLE", Instant.now()), PACK); // the writer goes on
    }

    @Test
    void retention_erases_old_proposals_and_keeps_their_verdicts() {
        Instant now = Instant.now();
        store.record(decision(id(1), "507", "ELIGIBLE", now.minusSeconds(40 * 86400)), PACK);
        store.record(decision(id(2), "507", "ELIGIBLE", now.minusSeconds(10 * 86400)), PACK);
        assertThat(store.eraseProposalsBefore(now.minusSeconds(30 * 86400))).isEqualTo(1);
        Decision old = store.find(id(1)).orElseThrow();
        assertThat(old.proposalJson()).isNull();
        assertThat(old.verdictJson()).contains("ELIGIBLE");
        assertThat(old.digest()).isEqualTo("sha256:aa");
        assertThat(store.find(id(2)).orElseThrow().proposalJson()).isNotNull();
        assertThat(store.eraseProposalsBefore(now.minusSeconds(30 * 86400))).isZero();
    }

    static RoundRecord round(String id) {
        return new RoundRecord(id, Instant.ofEpochMilli(1_764_000_000_500L), "jury", "507", "v1", "sha256:aa", 98_765,
                "{\"proposals\":[{\"id\":\"a\",\"proposal\":{\"title\":\"é ☃\"}}],\"selected\":[\"a\"]}",
                "{\"roundId\":\"" + id + "\",\"findings\":[]}");
    }

    @Test
    void a_round_reads_back_exactly_with_the_decisions_it_made() {
        RoundRecord r = round(id(100));
        List<Decision> made = List.of(decision(id(1), "507", "ELIGIBLE", r.receivedAt()), decision(id(2), "507", "INELIGIBLE", r.receivedAt()));
        store.recordRound(r, made, PACK);
        assertThat(store.findRound(r.id())).contains(r);
        assertThat(store.find(id(1))).contains(made.get(0));
        assertThat(store.find(id(2))).contains(made.get(1));
        assertThat(store.pack("sha256:aa")).isPresent();
        assertThat(store.findRound(id(101))).isEmpty();
        assertThat(store.findRound(id(1))).as("a decision is no round").isEmpty();
    }

    @Test
    void a_round_whose_decision_cannot_be_recorded_is_recorded_not_at_all() {
        store.record(decision(id(1), "507", "ELIGIBLE", Instant.now()), PACK);
        RoundRecord r = round(id(100));
        assertThatThrownBy(() -> store.recordRound(r, List.of(decision(id(2), "507", "ELIGIBLE", Instant.now()),
                decision(id(1), "426", "INELIGIBLE", Instant.now())), PACK)).isInstanceOf(StoreUnavailableException.class);
        assertThat(store.findRound(r.id())).isEmpty();
        assertThat(store.find(id(2))).isEmpty();
        assertThat(store.find(id(1)).orElseThrow().call()).isEqualTo("507");
        store.recordRound(round(id(101)), List.of(), PACK); // the writer goes on; a round of recorded decisions only
        assertThat(store.findRound(id(101))).isPresent();
    }

    private static DecisionStore.IdempotencyKey key(String askedBy, String key, String hash, String answerId) {
        return new DecisionStore.IdempotencyKey(askedBy, key, hash.repeat(64), answerId);
    }

    @Test
    void an_idempotency_key_is_recorded_with_its_decision_and_a_second_record_under_it_records_nothing() {
        DecisionStore.IdempotencyKey first = key("portal", "k-1", "a", id(1));
        assertThat(store.record(decision(id(1), "507", "ELIGIBLE", Instant.now()), PACK, first)).isEqualTo(first);
        assertThat(store.idempotencyKey("portal", "k-1")).contains(first);
        assertThat(store.idempotencyKey("other", "k-1")).as("a key is its sender's own").isEmpty();

        assertThat(store.record(decision(id(2), "507", "ELIGIBLE", Instant.now()), PACK, key("portal", "k-1", "b", id(2)))).isEqualTo(first);
        assertThat(store.find(id(2))).isEmpty();
        DecisionStore.IdempotencyKey others = key("other", "k-1", "b", id(3));
        assertThat(store.record(decision(id(3), "507", "ELIGIBLE", Instant.now()), PACK, others)).isEqualTo(others);
        assertThat(store.find(id(3))).isPresent();
        RoundRecord r = round(id(100));
        DecisionStore.IdempotencyKey roundKey = key("", "k-1", "c", r.id());
        assertThat(store.recordRound(r, List.of(decision(id(4), "507", "ELIGIBLE", Instant.now())), PACK, roundKey)).isEqualTo(roundKey);
        assertThat(store.recordRound(round(id(101)), List.of(decision(id(5), "507", "ELIGIBLE", Instant.now())), PACK,
                key("", "k-1", "c", id(101)))).isEqualTo(roundKey);
        assertThat(store.findRound(id(101))).isEmpty();
        assertThat(store.find(id(5))).isEmpty();
    }

    @Test
    void records_under_one_key_at_once_make_exactly_one_record_and_the_others_see_it() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<DecisionStore.IdempotencyKey>> held = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            String id = id(i);
            held.add(pool.submit(() -> store.record(decision(id, "507", "ELIGIBLE", Instant.now()), PACK, key("portal", "same", "a", id))));
            if (i % 10 == 0) store.record(decision(id(1000 + i), "426", "ELIGIBLE", Instant.now()), PACK); // records without a key go on
        }
        pool.shutdown();
        List<String> answers = new ArrayList<>();
        for (Future<DecisionStore.IdempotencyKey> f : held) answers.add(f.get().answerId());
        assertThat(answers).containsOnly(answers.get(0));
        assertThat(store.list(new Filter("507", null, null, null, null), null, 100).decisions()).extracting(Decision::id)
                .containsExactly(answers.get(0));
        assertThat(store.list(new Filter("426", null, null, null, null), null, 100).decisions()).hasSize(4);
    }

    @Test
    void retention_erases_a_rounds_inline_proposals_and_keeps_its_ids_selection_scores_and_answer() {
        Instant now = Instant.ofEpochMilli(System.currentTimeMillis()); // as stored: milliseconds
        RoundRecord old = new RoundRecord(id(100), now.minusSeconds(40 * 86400), "jury", "507", "v1", "sha256:aa", 1,
                "{\"proposals\":[{\"id\":\"a\",\"proposal\":{\"title\":\"\\\"proposal\\\":{ é\",\"financing\":{\"amif\":20000.50}}},"
                        + "{\"id\":\"b\",\"decisionId\":\"" + id(9) + "\"}],\"selected\":[\"a\"],\"scores\":{\"a\":71.50,\"b\":64}}",
                "{\"roundId\":\"" + id(100) + "\",\"totals\":{\"selected\":1}}");
        store.recordRound(old, List.of(decision(id(1), "507", "ELIGIBLE", old.receivedAt())), PACK);
        RoundRecord recent = round(id(101));
        recent = new RoundRecord(recent.id(), now.minusSeconds(10 * 86400), recent.askedBy(), recent.call(), recent.version(), recent.digest(),
                recent.tookMicros(), recent.requestJson(), recent.resultJson());
        store.recordRound(recent, List.of(), PACK);

        assertThat(store.eraseProposalsBefore(now.minusSeconds(30 * 86400))).isEqualTo(2); // the round and its decision
        RoundRecord erased = store.findRound(id(100)).orElseThrow();
        assertThat(erased.requestJson()).isEqualTo("{\"proposals\":[{\"id\":\"a\",\"proposal\":null},{\"id\":\"b\",\"decisionId\":\""
                + id(9) + "\"}],\"selected\":[\"a\"],\"scores\":{\"a\":71.50,\"b\":64}}");
        assertThat(erased.resultJson()).isEqualTo(old.resultJson());
        assertThat(store.find(id(1)).orElseThrow().proposalJson()).isNull();
        assertThat(store.findRound(id(101))).contains(recent);
        assertThat(store.eraseProposalsBefore(now.minusSeconds(30 * 86400))).isZero();
    }

    @Test
    void a_token_is_shown_once_and_kept_only_as_its_hash_with_its_name() throws Exception {
        String token = store.addToken("ocmw-portal", Set.of(TokenScope.EVALUATE));
        assertThat(token).startsWith("cc_").hasSizeGreaterThan(40);
        assertThat(store.token(token).orElseThrow().name()).isEqualTo("ocmw-portal");
        assertThat(store.token(token + "x")).isEmpty();
        assertThat(store.token("")).isEmpty();
        assertThat(store.tokens()).extracting(DecisionStore.TokenInfo::name).containsExactly("ocmw-portal");
        assertThatThrownBy(() -> store.addToken("ocmw-portal")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.addToken("no spaces")).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.removeToken("ocmw-portal")).isTrue();
        assertThat(store.token(token)).isEmpty();
        assertThat(store.removeToken("ocmw-portal")).isFalse();
    }

    @Test
    void a_token_keeps_its_scopes() {
        String portal = store.addToken("ocmw-portal", Set.of(TokenScope.EVALUATE));
        String auditor = store.addToken("auditor", Set.of(TokenScope.READ, TokenScope.EXPORT));
        assertThat(store.token(portal).orElseThrow().scopes()).containsExactly(TokenScope.EVALUATE);
        assertThat(store.token(auditor).orElseThrow().scopes()).containsExactlyInAnyOrder(TokenScope.READ, TokenScope.EXPORT);
        assertThat(store.tokens()).extracting(DecisionStore.TokenInfo::scopes)
                .containsExactly(Set.of(TokenScope.READ, TokenScope.EXPORT), Set.of(TokenScope.EVALUATE)); // by name
        assertThatThrownBy(() -> store.addToken("none", Set.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.token(store.addToken("embedded")).orElseThrow().scopes()).isEqualTo(TokenScope.ALL);
    }

    /** A JDBC URL of a new, empty database, for a schema older than this one. */
    abstract String olderDatabase();

    /** The store on {@link #olderDatabase}, migrated to this schema. */
    abstract DecisionStore openOlder();

    @Test
    void tokens_made_before_scopes_keep_every_scope() throws Exception {
        String url = olderDatabase();
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").target("2").load().migrate();
        String token = "cc_made-before-scopes";
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement insert = c.prepareStatement("INSERT INTO api_token (name, hash, created_at) VALUES (?, ?, ?)")) {
            insert.setString(1, "old-portal");
            insert.setString(2, JdbcStore.hash(token));
            insert.setLong(3, 1_764_000_000_000L);
            insert.executeUpdate();
        }
        try (DecisionStore migrated = openOlder()) {
            DecisionStore.TokenInfo old = migrated.token(token).orElseThrow();
            assertThat(old.name()).isEqualTo("old-portal");
            assertThat(old.scopes()).isEqualTo(TokenScope.ALL);
        }
        // every scope was for the rows that were there only: a token added without its scopes is refused
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement insert = c.prepareStatement("INSERT INTO api_token (name, hash, created_at) VALUES ('new', 'x', 1)")) {
            assertThatThrownBy(insert::executeUpdate).isInstanceOf(java.sql.SQLException.class);
        }
    }
}
