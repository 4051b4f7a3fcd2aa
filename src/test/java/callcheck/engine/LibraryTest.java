package callcheck.engine;

import callcheck.model.Financing;
import callcheck.model.InvalidProposalException;
import callcheck.model.Organisation;
import callcheck.model.OrganisationKind;
import callcheck.model.Proposal;
import callcheck.model.ProposalReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engine as an embedder uses it, on the library test pack (call 900 under src/test/resources/library/rules). */
class LibraryTest {
    static final Path FIXTURE = Path.of("src/test/resources/library/rules");

    static Proposal proposal(String amif) {
        return Proposal.builder()
                .submittedOn(LocalDate.of(2024, 3, 1))
                .title("Buddies")
                .applicant(new Organisation("Gemeente Gent", OrganisationKind.MUNICIPALITY, "44021", null, null, null))
                .financing(new Financing(new BigDecimal("20000"), new BigDecimal(amif), BigDecimal.ZERO,
                        new BigDecimal("20000").subtract(new BigDecimal(amif)), null))
                .build();
    }

    @Test
    void a_proposal_built_in_java_gets_the_verdict_its_json_gets() {
        try (Engine engine = Engine.load(FIXTURE)) {
            Verdict built = engine.evaluate("900", proposal("8000"));
            Verdict read = engine.evaluate("900", ProposalReader.read("""
                    {"submittedOn": "2024-03-01", "title": "Buddies",
                     "applicant": {"name": "Gemeente Gent", "kind": "MUNICIPALITY", "nis": "44021"},
                     "financing": {"totalCost": 20000, "amif": 8000, "vvsg": 0, "own": 12000}}"""));
            assertThat(built.verdict()).isEqualTo(Outcome.ELIGIBLE);
            assertThat(built.financing().maxSubsidy()).isEqualByComparingTo("10000");
            assertThat(withoutId(built)).isEqualTo(withoutId(read));
            assertThat(engine.evaluate("900", proposal("12000")).findings()).extracting(Finding::rule).containsExactly("900-SUBSIDY-MAX");
        }
    }

    @Test
    void the_builder_refuses_what_the_reader_refuses_with_the_same_code_and_field() {
        record Case(String json, Proposal.Builder builder) {
        }
        Organisation badNis = new Organisation("X", OrganisationKind.MUNICIPALITY, "4402", null, null, null);
        List<Case> cases = List.of(
                new Case("{\"title\": \"no date\"}", Proposal.builder().title("no date")),
                new Case("{\"submittedOn\": \"2024-03-01\", \"financing\": {\"amif\": -1}}",
                        Proposal.builder().submittedOn(LocalDate.of(2024, 3, 1)).financing(new Financing(null, new BigDecimal("-1"), null, null, null))),
                new Case("{\"submittedOn\": \"2024-03-01\", \"financing\": {\"own\": 10.001}}",
                        Proposal.builder().submittedOn(LocalDate.of(2024, 3, 1)).financing(new Financing(null, null, null, new BigDecimal("10.001"), null))),
                new Case("{\"submittedOn\": \"2024-03-01\", \"financing\": {\"totalCost\": 1000000000.01}}",
                        Proposal.builder().submittedOn(LocalDate.of(2024, 3, 1)).financing(new Financing(new BigDecimal("1000000000.01"), null, null, null, null))),
                new Case("{\"submittedOn\": \"2024-03-01\", \"partners\": [null]}",
                        Proposal.builder().submittedOn(LocalDate.of(2024, 3, 1)).partners(Arrays.asList((Organisation) null))),
                new Case("{\"submittedOn\": \"2024-03-01\", \"coApplicants\": [{\"name\": \"X\", \"kind\": \"MUNICIPALITY\", \"nis\": \"4402\"}]}",
                        Proposal.builder().submittedOn(LocalDate.of(2024, 3, 1)).coApplicants(List.of(badNis))),
                new Case("{\"submittedOn\": \"2024-03-01\", \"period\": {\"start\": \"2024-05-01\", \"end\": \"2024-04-30\"}}",
                        Proposal.builder().submittedOn(LocalDate.of(2024, 3, 1)).period(new callcheck.model.Period(LocalDate.of(2024, 5, 1), LocalDate.of(2024, 4, 30)))));
        for (Case c : cases) {
            InvalidProposalException fromJson = catchInvalid(() -> ProposalReader.read(c.json()));
            InvalidProposalException fromJava = catchInvalid(() -> c.builder().build());
            assertThat(fromJava.code()).as(c.json()).isEqualTo(fromJson.code());
            assertThat(fromJava.field()).as(c.json()).isEqualTo(fromJson.field());
        }
    }

    @Test
    void a_built_proposal_does_not_change_when_the_lists_given_to_the_builder_do() {
        List<Organisation> partners = new ArrayList<>(List.of(new Organisation("A", OrganisationKind.NON_PROFIT, null, null, true, null)));
        Proposal p = Proposal.builder().submittedOn(LocalDate.of(2024, 3, 1)).partners(partners).build();
        partners.clear();
        assertThat(p.getPartners()).hasSize(1);
        assertThatThrownBy(() -> p.getPartners().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void a_proposal_read_from_json_cannot_be_changed_either() {
        Proposal p = ProposalReader.read("""
                {"submittedOn": "2024-03-01", "aims": ["BEHAVIOUR_CHANGE"],
                 "partners": [{"name": "A", "kind": "LOCAL_GOVERNMENT_COOPERATION", "members": ["44021"]}]}""");
        assertThatThrownBy(() -> p.getAims().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> p.getPartners().get(0).getMembers().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void packs_load_from_inside_a_jar_by_path_and_from_the_class_path(@TempDir Path tmp) throws Exception {
        Path jar = tmp.resolve("app.jar");
        zip(FIXTURE, "rules", jar);
        Verdict expected;
        try (Engine fromFolder = Engine.load(FIXTURE)) {
            expected = fromFolder.evaluate("900", proposal("12000"));
        }
        try (FileSystem zipfs = FileSystems.newFileSystem(jar); Engine inJar = Engine.load(zipfs.getPath("/rules"))) {
            assertThat(withoutId(inJar.evaluate("900", proposal("12000")))).isEqualTo(withoutId(expected));
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[]{jar.toUri().toURL()}, null);
             Engine onClasspath = Engine.fromClasspath("rules", loader, EngineOptions.defaults())) {
            // the jar file system was closed after loading: evaluating reads nothing from it
            assertThat(withoutId(onClasspath.evaluate("900", proposal("12000")))).isEqualTo(withoutId(expected));
            assertThat(onClasspath.evaluate("900", proposal("12000")).digest()).isEqualTo(expected.digest());
        }
    }

    @Test
    void with_a_cache_folder_a_compiled_pack_is_stored_and_a_later_load_decides_alike(@TempDir Path cache) throws Exception {
        EngineOptions options = EngineOptions.builder().cacheDirectory(cache).build();
        Verdict first;
        try (Engine engine = Engine.load(FIXTURE, options)) {
            first = engine.evaluate("900", proposal("12000"));
            // stored from a background thread once loading is done: wait for it, boundedly
            for (int i = 0; i < 3000 && entries(cache) == 0; i++) Thread.sleep(100);
        }
        assertThat(entries(cache)).as("one entry for the one pack").isEqualTo(1);
        try (Engine again = Engine.load(FIXTURE, options)) {
            assertThat(withoutId(again.evaluate("900", proposal("12000")))).isEqualTo(withoutId(first));
        }
        assertThat(EngineOptions.defaults().cacheDirectory()).as("off unless asked for").isNull();
    }

    private static long entries(Path cache) throws IOException {
        if (!Files.isDirectory(cache)) return 0;
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(f -> f.toString().endsWith(".kjar")).count();
        }
    }

    @Test
    void packs_load_from_a_folder_on_the_class_path() {
        try (Engine engine = Engine.fromClasspath("library/rules")) {
            assertThat(engine.calls()).containsExactly("900");
            assertThat(engine.versions("900")).extracting(PackVersion::version).containsExactly("2024-01-01");
            assertThat(engine.versions("900").get(0).submissionsFrom()).isEqualTo(LocalDate.of(2024, 1, 1));
            assertThat(engine.versions("900").get(0).digest()).startsWith("sha256:");
        }
    }

    @Test
    void a_folder_missing_from_the_class_path_is_a_pack_exception_naming_it() {
        assertThatThrownBy(() -> Engine.fromClasspath("no/such/rules"))
                .isInstanceOf(PackException.class).hasMessageContaining("no/such/rules");
    }

    @Test
    void both_compilers_can_be_chosen_by_options_and_agree() {
        try (Engine drl = Engine.load(FIXTURE, EngineOptions.builder().parallelLoad(false).build());
             Engine exec = Engine.load(FIXTURE, EngineOptions.builder().executableModel(true).build())) {
            for (String amif : List.of("8000", "12000")) {
                assertThat(withoutId(exec.evaluate("900", proposal(amif)))).isEqualTo(withoutId(drl.evaluate("900", proposal(amif))));
            }
        }
    }

    @Test
    void evaluations_from_four_threads_give_the_verdicts_of_one() throws Exception {
        try (Engine engine = Engine.load(FIXTURE)) {
            List<Proposal> proposals = Stream.of("0", "8000", "10000", "10000.01", "12000").map(LibraryTest::proposal).toList();
            List<Verdict> alone = proposals.stream().map(p -> engine.evaluate("900", p)).toList();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<List<Verdict>>> runs = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    runs.add(pool.submit(() -> {
                        List<Verdict> out = new ArrayList<>();
                        for (int i = 0; i < 200; i++) out.add(engine.evaluate("900", proposals.get(i % proposals.size())));
                        return out;
                    }));
                }
                for (Future<List<Verdict>> run : runs) {
                    List<Verdict> got = run.get();
                    for (int i = 0; i < got.size(); i++) assertThat(withoutId(got.get(i))).isEqualTo(withoutId(alone.get(i % proposals.size())));
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void a_budget_in_the_options_bounds_each_evaluation_and_leaves_the_verdicts_alone() {
        try (Engine limited = Engine.load(FIXTURE, EngineOptions.builder().evaluationBudget(java.time.Duration.ofSeconds(30)).build());
             Engine free = Engine.load(FIXTURE)) {
            assertThat(withoutId(limited.evaluate("900", proposal("12000")))).isEqualTo(withoutId(free.evaluate("900", proposal("12000"))));
        }
        assertThatThrownBy(() -> EngineOptions.builder().evaluationBudget(java.time.Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknown_calls_and_versions_and_a_closed_engine_are_refused() {
        Engine engine = Engine.load(FIXTURE);
        assertThatThrownBy(() -> engine.evaluate("901", proposal("1"))).isInstanceOf(UnknownCallException.class)
                .extracting(e -> ((UnknownCallException) e).code()).isEqualTo("unknown_call");
        assertThatThrownBy(() -> engine.evaluate("900", "2030-01-01", proposal("1"))).isInstanceOf(UnknownCallException.class)
                .extracting(e -> ((UnknownCallException) e).code()).isEqualTo("unknown_version");
        engine.close();
        assertThatThrownBy(() -> engine.evaluate("900", proposal("1"))).isInstanceOf(EngineClosedException.class);
    }

    private static Verdict withoutId(Verdict v) {
        return new Verdict(null, v.call(), v.version(), v.digest(), v.verdict(), v.findings(), v.passed(), v.financing());
    }

    private static InvalidProposalException catchInvalid(Runnable r) {
        try {
            r.run();
        } catch (InvalidProposalException e) {
            return e;
        }
        throw new AssertionError("not refused");
    }

    /** The folder's files into a jar under {@code prefix/}, without entries for folders, as some jar tools write them. */
    static void zip(Path folder, String prefix, Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out);
             Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new ZipEntry(prefix + "/" + folder.relativize(f).toString().replace('\\', '/')));
                zip.write(Files.readAllBytes(f));
                zip.closeEntry();
            }
        }
    }
}
