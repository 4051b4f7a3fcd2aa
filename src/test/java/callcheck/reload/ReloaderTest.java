package callcheck.reload;

import callcheck.evaluation.PackEngine;

import callcheck.evaluation.LoadReport;
import callcheck.engine.Outcome;
import callcheck.engine.Verdict;
import callcheck.json.Json;
import callcheck.model.ProposalReader;
import callcheck.engine.CompileError;
import callcheck.pack.PackLoader;
import callcheck.pack.RulePack;
import callcheck.support.PackVersions;
import callcheck.support.Packs;
import callcheck.support.RulesCopy;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.KieServices;
import org.kie.api.builder.ReleaseId;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Reloads driven by hand (the watcher only decides when): what serves after each kind of edit. */
class ReloaderTest {
    private static final String PACK = "507/2020-07-14";
    private static final String FINANCING = PACK + "/financing.drl";
    private static final String TIMING = PACK + "/timing.drl";

    @TempDir
    Path tmp;
    RulesCopy copy;
    PackEngine engine;
    Reloader reloader;

    @BeforeEach
    void serveACopyOfTheRules() {
        copy = RulesCopy.into(tmp.resolve("rules"));
        LoadReport report = LoadReport.load(copy.root(), new PackLoader());
        assertThat(report.failures()).isEmpty();
        engine = new PackEngine(report.packs());
        reloader = new Reloader(engine, copy.root(), Packs.EXAMPLES);
    }

    @Test
    void at_start_every_loaded_pack_serves_its_latest_files() {
        ReloadStatus s = reloader.status();
        assertThat(s.latest()).isTrue();
        assertThat(s.state()).isEqualTo(ReloadStatus.LATEST);
        assertThat(s.packs()).extracting(PackStatus::servingDigest)
                .containsExactlyInAnyOrderElementsOf(engine.packs().all().stream().map(RulePack::digest).toList());
        assertThat(s.failures()).isEmpty();
    }

    @Test
    void the_status_writes_as_json_for_health() throws Exception {
        copy.edit(TIMING, "submittedOn.isAfter($deadline))", "submittedOn.isAfter($deadline)");
        reloader.reload(changed(TIMING));
        var json = Json.output().readTree(Json.output().writeValueAsString(reloader.status()));
        assertThat(json.get("state").asText()).isEqualTo(ReloadStatus.LAST_GOOD);
        var packs = new ArrayList<com.fasterxml.jackson.databind.JsonNode>();
        json.get("packs").forEach(packs::add);
        assertThat(packs).filteredOn(p -> p.get("call").asText().equals("507") && p.get("version").asText().equals("2020-07-14")).singleElement().satisfies(p -> {
            assertThat(p.get("state").asText()).isEqualTo("FAILED");
            assertThat(p.get("errors").get(0).get("file").asText()).isEqualTo(TIMING);
            assertThat(p.get("errors").get(0).get("line").asInt()).isPositive();
        });
        assertThat(json.get("lastReload").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    }

    @Test
    void a_folder_that_did_not_load_at_start_shows_its_errors_and_serves_once_fixed() throws IOException {
        copy.edit(TIMING, "submittedOn.isAfter($deadline))", "submittedOn.isAfter($deadline)");
        LoadReport report = LoadReport.load(copy.root(), new PackLoader());
        failedWithItsExtensions(report.failures());
        PackEngine partial = new PackEngine(report.packs());
        Reloader fresh = new Reloader(partial, copy.root(), Packs.EXAMPLES);
        assertThat(fresh.callsNotServingLatest()).containsExactly("507");

        ReloadStatus s = fresh.reload(Change.calls(fresh.callsNotServingLatest()));
        assertThat(s.state()).isEqualTo(ReloadStatus.LAST_GOOD);
        assertThat(s.pack("507", "2020-07-14")).satisfies(p -> {
            assertThat(p.state()).isEqualTo(PackStatus.State.FAILED);
            assertThat(p.servingDigest()).isNull();
            assertThat(p.errors()).singleElement().satisfies(e -> assertThat(e.line()).isEqualTo(lineOf(TIMING, "submittedOn.isAfter($deadline)")));
        });

        copy.edit(TIMING, "submittedOn.isAfter($deadline)\n", "submittedOn.isAfter($deadline))\n");
        ReloadStatus fixed = fresh.reload(Change.of(copy.root(), Packs.EXAMPLES, List.of(copy.root().resolve(TIMING)), Set.of()));
        assertThat(fixed.latest()).isTrue();
        assertThat(partial.packs().versions("507")).extracting(RulePack::version)
                .containsExactlyElementsOf(engine.packs().versions("507").stream().map(RulePack::version).toList());
        assertThat(fresh.callsNotServingLatest()).isEmpty();
    }

    @Test
    void a_valid_edit_serves_at_once_with_a_new_digest() {
        String before = digest();
        copy.edit(FINANCING, "of {subsidy} euro is above the maximum of {limit} euro", "of {subsidy} EUR is above the maximum of {limit} EUR");
        ReloadStatus s = reloader.reload(changed(FINANCING));

        assertThat(digest()).isNotEqualTo(before);
        assertThat(s.pack("507", "2020-07-14")).satisfies(p -> {
            assertThat(p.state()).isEqualTo(PackStatus.State.SERVING);
            assertThat(p.servingDigest()).isEqualTo(digest());
            assertThat(p.errors()).isEmpty();
        });
        assertThat(s.latest()).isTrue();
        assertThat(evaluate("subsidy-over-max").findings().get(0).message().en()).contains("EUR is above the maximum");
    }

    @Test
    void a_broken_edit_keeps_the_last_good_version_and_says_where() throws IOException {
        String before = digest();
        copy.edit(TIMING, "submittedOn.isAfter($deadline))", "submittedOn.isAfter($deadline)");
        int then = lineOf(TIMING, "submittedOn.isAfter($deadline)");
        ReloadStatus s = reloader.reload(changed(TIMING));

        assertThat(digest()).isEqualTo(before);
        assertThat(s.state()).isEqualTo(ReloadStatus.LAST_GOOD);
        assertThat(s.pack("507", "2020-07-14")).satisfies(p -> {
            assertThat(p.state()).isEqualTo(PackStatus.State.FAILED);
            assertThat(p.servingDigest()).isEqualTo(before);
            assertThat(p.errors()).singleElement().satisfies(e -> {
                assertThat(e.file()).isEqualTo(TIMING);
                assertThat(e.line()).isEqualTo(then);
            });
        });
        failedWithItsExtensions(s.failures());
        assertThat(evaluate("submitted-late").verdict()).isEqualTo(Outcome.INELIGIBLE);

        // Fixed: it serves again, and the status is clean.
        copy.edit(TIMING, "submittedOn.isAfter($deadline)\n", "submittedOn.isAfter($deadline))\n");
        ReloadStatus fixed = reloader.reload(changed(TIMING));
        assertThat(fixed.latest()).isTrue();
        assertThat(fixed.pack("507", "2020-07-14").state()).isEqualTo(PackStatus.State.SERVING);
    }

    @Test
    void an_edit_that_changes_an_example_verdict_is_refused() {
        String before = digest();
        copy.edit(PACK + "/pack.yaml", "    value: 40000\n", "    value: 30000\n");
        ReloadStatus s = reloader.reload(changed(PACK + "/pack.yaml"));

        assertThat(digest()).isEqualTo(before);
        assertThat(s.pack("507", "2020-07-14")).satisfies(p -> {
            assertThat(p.state()).isEqualTo(PackStatus.State.REFUSED);
            assertThat(p.servingDigest()).isEqualTo(before);
            assertThat(p.errors()).anySatisfy(e -> {
                assertThat(e.file()).isEqualTo(Packs.EXAMPLES.resolve("507/eligible-tielt-pittem.json").toString());
                assertThat(e.message()).isEqualTo("expected ELIGIBLE [], got INELIGIBLE [507-SUBSIDY-MAX]");
            });
        });
        assertThat(s.state()).isEqualTo(ReloadStatus.LAST_GOOD);
        assertThat(evaluate("eligible-tielt-pittem").verdict()).isEqualTo(Outcome.ELIGIBLE);
    }

    @Test
    void a_new_version_folder_is_added_and_a_deleted_one_removed() throws IOException {
        List<String> versions = engine.packs().versions("507").stream().map(RulePack::version).toList();
        // From a day no example is submitted on: the examples keep the versions that decide them now.
        String v2name = PackVersions.copyToFresh(copy.root(), "507", "2020-07-14", "2999-01-01");
        Path v2 = copy.root().resolve("507").resolve(v2name);
        ReloadStatus added = reloader.reload(changed("507/" + v2name));
        assertThat(added.pack("507", v2name).state()).isEqualTo(PackStatus.State.SERVING);
        List<String> withV2 = new ArrayList<>(versions);
        withV2.add(v2name);
        assertThat(engine.packs().versions("507")).extracting(RulePack::version).containsExactlyElementsOf(withV2);

        try (var files = Files.walk(v2)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(f);
        }
        ReloadStatus removed = reloader.reload(changed("507/" + v2name));
        assertThat(removed.pack("507", v2name)).isNull();
        assertThat(engine.packs().versions("507")).extracting(RulePack::version).containsExactlyElementsOf(versions);
        assertThat(removed.latest()).isTrue();
    }

    @Test
    void a_change_of_the_reference_data_reloads_every_pack_and_bad_data_is_refused() throws IOException {
        Set<String> before = digests();
        Path regions = copy.root().resolve("reference/regions.csv");
        Files.writeString(regions, "# a comment an analyst adds\n", StandardOpenOption.APPEND);
        ReloadStatus s = reloader.reload(changed("reference/regions.csv"));
        assertThat(s.latest()).isTrue();
        Set<String> after = digests();
        assertThat(after).hasSameSizeAs(before).doesNotContainAnyElementsOf(before);

        Files.writeString(regions, "not;enough;columns;here\n", StandardOpenOption.APPEND);
        ReloadStatus bad = reloader.reload(changed("reference/regions.csv"));
        assertThat(bad.state()).isEqualTo(ReloadStatus.LAST_GOOD);
        assertThat(bad.referenceErrors()).singleElement().extracting(CompileError::message).asString().contains("reference/regions.csv").doesNotContain(copy.root().toAbsolutePath().toString());
        assertThat(bad.failures()).containsOnlyKeys(PackLoader.REFERENCE_DIR);
        assertThat(digests()).isEqualTo(after);
    }

    @Test
    void a_module_edit_compiles_only_the_packs_that_include_it() {
        RulePack p507 = engine.packs().versions("507").get(0);
        RulePack p41 = engine.packs().versions("41").get(0);
        copy.edit("programmes/amif2027/programme.drl", "// AMIF 2021-2027: the rules", "// AMIF 2021-2027 (edited): the rules");
        ReloadStatus s = reloader.reload(changed("programmes/amif2027/programme.drl"));

        assertThat(s.latest()).isTrue();
        // 507 does not include the module: its files and digest are unchanged, so the same compiled pack serves on.
        assertThat(engine.packs().versions("507").get(0)).isSameAs(p507);
        assertThat(engine.packs().versions("41").get(0)).isNotSameAs(p41)
                .extracting(RulePack::digest).isNotEqualTo(p41.digest());
        assertThat(s.pack("507", "2020-07-14").servingDigest()).isEqualTo(p507.digest());
    }

    @Test
    void a_file_saved_unchanged_serves_on_without_a_compile() {
        RulePack before = engine.packs().versions("507").get(0);
        String text = "of {subsidy} euro is above the maximum of {limit} euro";
        copy.edit(FINANCING, text, text);
        ReloadStatus s = reloader.reload(changed(FINANCING));
        assertThat(s.latest()).isTrue();
        assertThat(engine.packs().versions("507").get(0)).isSameAs(before);
    }

    /** Reloads in the repository test: enough to pass the repository's own cache of versions; 1,000 in ReloadBenchmark. */
    private static final int RELOADS = 50;

    @Test
    void reloads_leave_no_module_of_ours_in_the_kie_repository() {
        List<ReleaseId> served = new ArrayList<>();
        String good = "of {limit} euro per proeftuin.\")";
        for (int i = 0; i < RELOADS; i++) {
            // A valid edit, then a broken one: neither kind of build may leave its module behind.
            if (i % 2 == 0) {
                copy.edit(FINANCING, good, "of {limit} euro per proeftuin (" + i + ").\")");
                reloader.reload(changed(FINANCING));
                served.add(releaseId(engine.packs().select("507", "2020-07-14", null)));
                copy.edit(FINANCING, "of {limit} euro per proeftuin (" + i + ").\")", good);
            } else {
                copy.edit(FINANCING, "    @uses(\"subsidyMax\")\nwhen", "    @uses(\"subsidyMax\")\nwhen when");
                assertThat(reloader.reload(changed(FINANCING)).pack("507", "2020-07-14").state()).isEqualTo(PackStatus.State.FAILED);
                copy.edit(FINANCING, "\nwhen when", "\nwhen");
            }
        }
        assertThat(new HashSet<>(served)).hasSize(RELOADS / 2);
        // Builds are numbered: every one from the first served to the last, failed ones included, is gone.
        ReleaseId first = served.get(0);
        int from = build(first), to = build(served.get(served.size() - 1));
        assertThat(to - from).isGreaterThanOrEqualTo(RELOADS - 2);
        for (int n = from; n <= to; n++) {
            ReleaseId id = KieServices.Factory.get().newReleaseId(first.getGroupId(), first.getArtifactId(), "1.0." + n);
            assertThat(KieServices.Factory.get().getRepository().getKieModule(id)).as(id.toString()).isNull();
        }
    }

    private static ReleaseId releaseId(RulePack pack) {
        return ((InternalKnowledgeBase) pack.kieBase()).getKieContainer().getReleaseId();
    }

    private static int build(ReleaseId id) {
        return Integer.parseInt(id.getVersion().substring("1.0.".length()));
    }

    @Test
    void a_change_of_a_base_version_reloads_the_versions_that_extend_it() throws IOException {
        Path delta = copy.root().resolve("426/2018-06-27");
        assertThat(PackLoader.extendsChain(delta)).containsExactly("2017-12-22");
        String before = engine.packs().select("426", "2018-06-27", null).digest();
        copy.edit("426/2017-12-22/pack.yaml", "description: the last day to submit", "description: the last day to submit a proposal");

        ReloadStatus s = reloader.reload(changed("426/2017-12-22/pack.yaml"));

        assertThat(s.latest()).isTrue();
        RulePack served = engine.packs().select("426", "2018-06-27", null);
        assertThat(served.digest()).isNotEqualTo(before).isEqualTo(PackLoader.digest(copy.root(), delta));
        assertThat(served.parameters().get("deadline").description()).isEqualTo("the last day to submit a proposal");
    }

    private Change changed(String path) {
        return Change.of(copy.root(), Packs.EXAMPLES, List.of(copy.root().resolve(path)), Set.copyOf(engine.packs().calls()));
    }

    private String digest() {
        return engine.packs().select("507", "2020-07-14", null).digest();
    }

    private Set<String> digests() {
        Set<String> out = new HashSet<>();
        engine.packs().all().forEach(p -> out.add(p.digest()));
        return out;
    }

    private Verdict evaluate(String example) {
        try {
            return engine.evaluate("507", ProposalReader.read(Files.readAllBytes(Packs.EXAMPLES.resolve("507/" + example + ".json"))));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private int lineOf(String file, String text) throws IOException {
        List<String> lines = Files.readAllLines(copy.root().resolve(file));
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains(text)) return i + 1;
        throw new AssertionError(text);
    }

    /**
     * The broken version failed, and no other call's: later versions of 507 that extend it (an analyst may add one) fail
     * with it.
     */
    private static void failedWithItsExtensions(java.util.Map<String, ?> failures) {
        assertThat(failures).containsKey(PACK);
        assertThat(failures.keySet()).allSatisfy(k -> assertThat(k).startsWith("507/"));
    }
}
