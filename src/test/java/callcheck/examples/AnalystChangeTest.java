package callcheck.examples;

import callcheck.cli.CliRun;
import callcheck.evaluation.LoadReport;
import callcheck.evaluation.PackEngine;
import callcheck.evaluation.PackSet;
import callcheck.pack.PackLoader;
import callcheck.pack.PackOptions;
import callcheck.pack.RulePack;
import callcheck.model.ProposalReader;
import callcheck.support.PackVersions;
import callcheck.support.Packs;
import callcheck.support.ProposalJson;
import callcheck.support.RulesCopy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.TreeSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analyst's ordinary changes, made in a copy of {@code rules/} and {@code examples/} as the README says: a new
 * version of 507 with other numbers (subsidyMax 30,000; deadline 2021-10-15), a new rule "at least two partners"
 * with its examples, and a new call folder. The checks that {@code mvn verify} runs on the real folders (every
 * example, rule coverage, the executable model, the version diff) must pass on the copy: an analyst who keeps
 * {@code callcheck test} green never breaks the build. Whatever versions and examples the real folders hold, this
 * test adds its own beside them.
 */
class AnalystChangeTest {
    private static final String CALL = "507";

    @TempDir
    Path tmp;

    @Test
    @DisplayName("a new 507 version, a new rule with its examples and a new call pass every check that runs on the real folders")
    void an_analysts_ordinary_changes_pass_the_checks() throws IOException {
        Path rules = RulesCopy.into(tmp.resolve("rules")).root();
        Path examples = tmp.resolve("examples");
        RulesCopy.copyTree(Packs.EXAMPLES, examples);

        RulePack source = Packs.engine().packs().versions(CALL).stream()
                .max(Comparator.comparing((RulePack p) -> p.manifest().submissions().from())).orElseThrow();
        // The version when the real folders do not have it yet; else the same change a year after the latest.
        boolean free = !Files.exists(rules.resolve(CALL).resolve("2021-01-01"))
                && source.manifest().submissions().from().isBefore(LocalDate.parse("2021-01-01"));
        LocalDate from = free ? LocalDate.parse("2021-01-01") : source.manifest().submissions().from().plusYears(1);
        String version = free ? "2021-01-01" : PackVersions.freshName(rules, CALL);
        LocalDate deadline = from.plusMonths(9).plusDays(14);
        String document = source.manifest().documents().keySet().iterator().next();

        // The rule's id and parameter: new to the call, whatever rules the analysts have written since.
        String rule = "507-TWO-PARTNERS", parameter = "partnersMin";
        while (source.ruleIds().contains(rule)) rule += "-AGAIN";
        while (source.parameters().all().containsKey(parameter)) parameter += "Again";
        Path folder = newVersion(rules, source, version, from, deadline, parameter);
        Files.writeString(folder.resolve("partners-" + version + ".drl"), TWO_PARTNERS.replace("507-TWO-PARTNERS", rule)
                .replace("partnersMin", parameter).formatted(document));
        Example base = eligibleBase(source);
        String name = "analyst-" + version;
        Path dir507 = examples.resolve(CALL);
        example(dir507, name + "-eligible-at-30000-on-deadline", boundary(base, deadline), "ELIGIBLE");
        example(dir507, name + "-subsidy-over-30000", boundary(base, deadline).set("financing.amif", new java.math.BigDecimal("15000.01"))
                .set("financing.own", new java.math.BigDecimal("49999.99")), "INELIGIBLE", "507-SUBSIDY-MAX");
        example(dir507, name + "-a-day-late", boundary(base, deadline.plusDays(1)), "INELIGIBLE", "507-DEADLINE");
        // The rules already in the version may have more to say about one partner (an analyst's own such rule):
        // those findings stay, besides the one of the rule this test adds.
        ProposalJson onePartner = boundary(base, deadline).remove("partners[1]");
        List<String> alsoFound = PackEngine.evaluate(source, Packs.engine().packs().reference(), ProposalReader.read(onePartner.text()))
                .findings().stream().map(f -> f.rule()).filter(id -> !id.equals("507-DEADLINE") && !id.equals("507-SUBSIDY-MAX")).toList();
        List<String> onePartnerFinds = new ArrayList<>(new TreeSet<>(alsoFound));
        onePartnerFinds.add(rule);
        example(dir507, name + "-one-partner", onePartner, "INELIGIBLE", onePartnerFinds.toArray(String[]::new));

        // An ordinary proposal whose lists are absent (no partners, no co-applicants named): what the new version answers
        // is its expected result, as `callcheck example` writes it.
        ProposalJson listsAbsent = boundary(base, deadline).remove("partners").remove("coApplicants");
        LoadReport withVersion = LoadReport.load(rules, new PackLoader());
        callcheck.engine.Verdict absent = new PackEngine(withVersion.packs()).evaluate(CALL, version, ProposalReader.read(listsAbsent.text()));
        Files.writeString(dir507.resolve(name + "-lists-absent.json"), listsAbsent.text());
        Files.writeString(dir507.resolve(name + "-lists-absent" + Example.EXPECTED_SUFFIX), "{\"verdict\": \"" + absent.verdict() + "\", \"findings\": ["
                + String.join(", ", new TreeSet<>(absent.findings().stream().map(f -> "\"" + f.rule() + "\"").toList())) + "], \"version\": \""
                + version + "\", \"about\": \"added by AnalystChangeTest: lists absent\"}");

        String newCall = newCall(rules, examples, base);

        // validate, test (examples and coverage), diff: as an analyst runs them, and as mvn verify checks.
        CliRun validate = CliRun.of("validate", "--rules", rules.toString());
        assertThat(validate.exit()).as(validate.out()).isZero();
        CliRun test = CliRun.of("test", "--rules", rules.toString(), "--examples", examples.toString());
        assertThat(test.exit()).as(test.out() + test.err()).isZero();
        assertThat(test.out()).contains(CALL + "/" + name + "-one-partner", CALL + "/" + name + "-lists-absent", newCall + "/" + newCall.toLowerCase() + "-over-budget")
                .containsPattern("507 +" + rule + " +" + version + " +2 +\\d+"); // one partner, and lists absent (MISSING)

        LoadReport report = LoadReport.load(rules, new PackLoader());
        assertThat(report.failures()).isEmpty();
        PackEngine engine = new PackEngine(report.packs());
        List<ExampleResult> results = Example.all(examples).stream().map(e -> ExampleResult.run(engine, e)).toList();
        assertThat(results).allSatisfy(r -> assertThat(r.passed()).as(r.example().name() + ": " + r.difference()).isTrue());
        List<RoundExampleResult> rounds = RoundExample.all(examples).stream().map(e -> RoundExampleResult.run(engine.packs(), e)).toList();
        assertThat(rounds).allSatisfy(r -> assertThat(r.passed()).isTrue());
        assertThat(Coverage.of(engine.packs(), results, rounds).complete()).isTrue();

        // The executable model compiles the changed packs and gives the same verdicts.
        PackLoader executable = new PackLoader(new PackOptions(true, true, true, false));
        PackSet changed = new PackSet(List.of(executable.load(rules, folder), executable.load(rules, rules.resolve(newCall).resolve("v1"))),
                report.packs().reference());
        PackEngine model = new PackEngine(changed);
        for (Example e : Example.all(examples)) {
            if (!e.name().startsWith(name) && !e.call().equals(newCall)) continue;
            assertThat(ExampleResult.run(model, e).passed()).as(e.name()).isTrue();
        }

        VersionDiff diff = VersionDiff.of(engine, Example.all(examples), CALL, source.version(), version);
        assertThat(diff.changes()).isNotEmpty().allSatisfy(c -> assertThat(c.after().verdict()).as(c.example().name()).isNotNull());
        assertThat(diff.changes()).extracting(c -> c.example().name()).contains(name + "-one-partner");
        assertThat(CliRun.of("diff", "--call", CALL, "--from", source.version(), "--to", version, "--rules", rules.toString(),
                "--examples", examples.toString()).exit()).isEqualTo(1);
    }

    private static final String TWO_PARTNERS = """
            // Added by the analyst for the new version: a proeftuin works with at least two partners.
            package callcheck.rules.c507;

            import callcheck.model.Proposal;
            import callcheck.rules.Evaluation;
            import callcheck.rules.Parameters;

            rule "507-TWO-PARTNERS"
                @id("507-TWO-PARTNERS") @severity("BLOCKING")
                @title("At least {partnersMin} partners take part")
                @titleNl("Minstens {partnersMin} partners nemen deel")
                @nl("Er nemen {count} partners deel, minder dan {min}.")
                @en("{count} partners take part, fewer than {min}.")
                @document("%s") @section("Begunstigden")
                @needs("partners")
                @uses("partnersMin")
            when
                $e : Evaluation()
                Parameters($min : number("partnersMin"))
                Proposal($n : partners.size() < $min.intValue())
            then
                $e.report(drools, "count", $n, "min", $min);
            end
            """;

    /**
     * Starts the version as the README says ({@code callcheck version} writes a delta of the source), then states in
     * its pack.yaml the two changed numbers and the new rule's parameter; the rest is inherited.
     */
    private static Path newVersion(Path rules, RulePack source, String version, LocalDate from, LocalDate deadline, String parameter)
            throws IOException {
        CliRun made = CliRun.of("version", "--call", CALL, "--from", source.version(), "--new", version, "--submissions-from", from.toString(),
                "--rules", rules.toString());
        assertThat(made.exit()).as(made.out() + made.err()).isZero();
        Path folder = rules.resolve(CALL).resolve(version);
        Path manifest = folder.resolve(PackLoader.MANIFEST);
        Files.writeString(manifest, Files.readString(manifest) + """
                parameters:
                  subsidyMax:
                    value: 30000
                  deadline:
                    value: %s
                  %s:
                    type: number
                    value: 2
                    description: the least number of partners
                    descriptionNl: het kleinste aantal partners
                    assumption: "Assumption of this test: the new version asks for at least two partners."
                    assumptionNl: "Aanname van deze test: de nieuwe versie vraagt minstens twee partners."
                """.formatted(deadline, parameter));
        assertThat(PackLoader.extendsChain(folder)).startsWith(source.version());
        assertThat(Files.readAllLines(manifest)).as("a delta of two numbers and a parameter is short").hasSizeLessThan(30);
        return folder;
    }

    private static String replaceOnce(String text, String regex, String replacement) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex).isTrue();
        return m.replaceFirst(replacement);
    }

    /**
     * An example the source version finds eligible without any finding, with a partner to copy; else one an earlier
     * version does (an analyst's latest version may have only ineligible examples so far).
     */
    private static Example eligibleBase(RulePack source) {
        List<Example> eligible = Example.all(Packs.EXAMPLES).stream()
                .filter(e -> e.call().equals(CALL) && e.expected().findings().isEmpty())
                .filter(e -> e.expected().verdict() == callcheck.engine.Outcome.ELIGIBLE)
                .filter(e -> ProposalJson.from(CALL + "/" + e.file().getFileName()).text().contains("\"partners\":[{"))
                .toList();
        return eligible.stream().filter(e -> Packs.decidedBy(e, source.version())).findFirst()
                .or(() -> eligible.stream().findFirst())
                .orElseThrow(() -> new AssertionError("no eligible 507 example with a partner to start from"));
    }

    /** The base submitted on the day, asking exactly 30,000 of 80,000, with exactly two partners. */
    private static ProposalJson boundary(Example base, LocalDate submittedOn) {
        ProposalJson p = ProposalJson.from(CALL + "/" + base.file().getFileName()).set("submittedOn", submittedOn.toString())
                .set("financing.totalCost", 80000).set("financing.amif", 15000).set("financing.vvsg", 15000).set("financing.own", 50000);
        String partner = p.node("partners[0]").toString();
        return p.json("partners", "[" + partner + ", " + partner + "]").set("partners[1].name", "Tweede partner");
    }

    private static void example(Path dir, String name, ProposalJson proposal, String verdict, String... findings) throws IOException {
        Files.writeString(dir.resolve(name + ".json"), proposal.text());
        Files.writeString(dir.resolve(name + Example.EXPECTED_SUFFIX), "{\"verdict\": \"" + verdict + "\", \"findings\": ["
                + String.join(", ", java.util.Arrays.stream(findings).map(f -> "\"" + f + "\"").toList()) + "], \"about\": \"added by AnalystChangeTest\"}");
    }

    /** A call of its own: one version, one rule on the subsidy, an example on each side. Returns its id. */
    private static String newCall(Path rules, Path examples, Example base) throws IOException {
        String call = "NEW";
        while (Files.exists(rules.resolve(call)) || Files.exists(examples.resolve(call))) call = call + "X";
        Path folder = Files.createDirectories(rules.resolve(call).resolve("v1"));
        Files.writeString(folder.resolve(PackLoader.MANIFEST), """
                call: "%s"
                title: A call an analyst adds
                programme: tests only
                version: "v1"
                submissions:
                  from: 2020-01-01
                documents:
                  call-text:
                    title: The call's text
                parameters:
                  budgetMax:
                    type: amount
                    value: 35000
                    description: the highest subsidy
                    descriptionNl: de grootste subsidie
                    source: {document: call-text, section: Budget}
                """.formatted(call));
        Files.writeString(folder.resolve("budget.drl"), """
                package callcheck.rules.new%s;

                import callcheck.model.Financing;
                import callcheck.rules.Evaluation;
                import callcheck.rules.Parameters;

                rule "%s-BUDGET"
                    @id("%s-BUDGET") @severity("BLOCKING")
                    @title("The subsidy asked is at most {budgetMax}")
                    @titleNl("De gevraagde subsidie is hoogstens {budgetMax}")
                    @nl("De gevraagde subsidie van {subsidy} euro is hoger dan {limit} euro.")
                    @en("The subsidy asked of {subsidy} euro is above {limit} euro.")
                    @document("call-text") @section("Budget")
                    @needs("financing.amif financing.vvsg")
                    @uses("budgetMax")
                when
                    $e : Evaluation()
                    Parameters($limit : amount("budgetMax"))
                    Financing($subsidy : subsidy != null, subsidy > $limit)
                then
                    $e.report(drools, "subsidy", $subsidy, "limit", $limit);
                end
                """.formatted(call.toLowerCase(), call, call));
        Path dir = Files.createDirectories(examples.resolve(call));
        String lower = call.toLowerCase();
        LocalDate day = LocalDate.parse("2020-10-01");
        example(dir, lower + "-within-budget", boundary(base, day), "ELIGIBLE");
        example(dir, lower + "-over-budget", boundary(base, day).set("financing.amif", 20000).set("financing.vvsg", 20000).set("financing.own", 40000),
                "INELIGIBLE", call + "-BUDGET");
        return call;
    }
}
