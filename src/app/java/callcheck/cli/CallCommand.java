package callcheck.cli;

import callcheck.engine.Finding;
import callcheck.engine.PackException;
import callcheck.engine.Verdict;
import callcheck.evaluation.PackEngine;
import callcheck.examples.Example;
import callcheck.examples.ExpectedFile;
import callcheck.model.ProposalReader;
import callcheck.pack.PackLoader;
import callcheck.pack.RulePack;
import com.fasterxml.jackson.databind.node.TextNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/** {@code callcheck call new}: the scaffold of a new call. */
@Command(name = "call", description = "Start a new call: callcheck call new --call ID --title TITLE --submissions-from DAY.",
        subcommands = CallCommand.New.class)
final class CallCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /**
     * Writes a new call's first version and its first example, so that {@code validate} and {@code test} accept them
     * at once: a {@code pack.yaml} with one document and one parameter, a DRL file with one rule carrying every
     * metadata field, and an example that the rule finds something in, with its expected result as the rule gives it.
     * Exit 0 when written and it compiles, 1 when it does not compile, 2 when it cannot be made.
     */
    @Command(name = "new", description = {"Write a new call's pack folder and first example, ready for validate and test.",
            "rules/<call>/<day>/pack.yaml (one document, one parameter), rules.drl (one rule with every metadata field)",
            "and examples/<call>/subsidy-over-max.json with its .expected.json. Exit 0 made, 1 it does not compile, 2 not made."})
    static final class New implements Callable<Integer> {
        static final String EXAMPLE = "subsidy-over-max";
        private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]*");

        @Option(names = "--call", required = true, description = "the new call's id, e.g. 900 (letters, digits, -)")
        String call;

        @Option(names = "--title", required = true, description = "the call's title, as its text gives it")
        String title;

        @Option(names = "--submissions-from", required = true, description = "the first submission day (yyyy-mm-dd); also the version's name")
        String submissionsFrom;

        @Option(names = "--issuer", description = "who published the call text (without it, validate warns until pack.yaml names one)")
        String issuer;

        @Option(names = "--programme", defaultValue = "AMIF", description = "the programme that funds it (default: ${DEFAULT-VALUE})")
        String programme;

        @Option(names = "--rules", defaultValue = "${env:CALLCHECK_RULES:-rules}", description = "rules folder (default: ${DEFAULT-VALUE})")
        Path rules;

        @Option(names = "--examples", defaultValue = "examples", description = "examples folder (default: ${DEFAULT-VALUE})")
        Path examples;

        @Override
        public Integer call() {
            if (!ID.matcher(call).matches()) {
                System.err.println("--call '" + call + "': a call id is letters, digits and '-'");
                return 2;
            }
            LocalDate from;
            try {
                from = LocalDate.parse(submissionsFrom);
            } catch (DateTimeParseException e) {
                System.err.println("--submissions-from '" + submissionsFrom + "' is not a date (yyyy-mm-dd)");
                return 2;
            }
            Path folder = rules.resolve(call).resolve(from.toString());
            Path exampleDir = examples.resolve(call);
            for (Path p : List.of(rules.resolve(call), exampleDir)) {
                if (Files.exists(p)) {
                    System.err.println(p + " exists already: call " + call + " is there (callcheck version starts a new version of it)");
                    return 2;
                }
            }
            Path proposal = exampleDir.resolve(EXAMPLE + ".json");
            try {
                Files.createDirectories(folder);
                Files.writeString(folder.resolve(PackLoader.MANIFEST), manifest(call, title, programme, issuer, from), StandardCharsets.UTF_8);
                Files.writeString(folder.resolve("rules.drl"), drl(call, title), StandardCharsets.UTF_8);
                Files.createDirectories(exampleDir);
                Files.writeString(proposal, example(from), StandardCharsets.UTF_8);
            } catch (IOException e) {
                System.err.println("cannot write " + folder + " or " + exampleDir + ": " + e.getMessage());
                return 2;
            }
            System.out.println("made " + folder.resolve(PackLoader.MANIFEST) + ", " + folder.resolve("rules.drl") + " and " + proposal);
            RulePack pack;
            try {
                pack = new PackLoader().load(rules, folder);
            } catch (PackException e) {
                System.out.println("it does not compile:");
                e.errors().forEach(err -> System.out.println(err.under(rules)));
                return 1;
            }
            // The expected result is what the rule gives, so that `test` passes on the scaffold as written.
            Verdict verdict;
            try {
                verdict = PackEngine.evaluate(pack, PackLoader.reference(rules), ProposalReader.read(Files.readAllBytes(proposal)));
            } catch (IOException e) {
                System.err.println("cannot read " + proposal + ": " + e.getMessage());
                return 2;
            }
            Path expected = exampleDir.resolve(EXAMPLE + Example.EXPECTED_SUFFIX);
            ExpectedFile.write(expected, verdict, List.copyOf(new TreeSet<>(verdict.findings().stream().map(Finding::rule).toList())),
                    "A subsidy above the maximum: " + call + "-SUBSIDY-MAX warns.");
            System.out.println("wrote " + expected + ": " + verdict.verdict() + ", " + verdict.findings().stream().map(Finding::rule).toList());
            System.out.println();
            System.out.println("Next:");
            System.out.println("  1. in " + folder.resolve(PackLoader.MANIFEST) + ": the call's documents and its numbers as parameters, each with its source");
            System.out.println("  2. in " + folder.resolve("rules.drl") + ": a rule per check, copied from the example rule (callcheck facts lists what a rule can use)");
            System.out.println("  3. callcheck validate --call " + call + " --rules " + rules);
            System.out.println("  4. examples: callcheck example --call " + call + " --from " + EXAMPLE + " --name NAME --set financing.amif=... --examples " + examples);
            System.out.println("  5. callcheck test --call " + call + " --rules " + rules + " --examples " + examples);
            return 0;
        }

        static String manifest(String call, String title, String programme, String issuer, LocalDate from) {
            return """
                    # Call %1$s: %2$s.
                    # Made by `callcheck call new`. Every number the rules use is a parameter here, once, with the passage
                    # that gives it; replace the document and the example parameter by the call's own.
                    call: "%1$s"
                    title: %3$s
                    programme: %4$s
                    version: "%5$s"
                    submissions:
                      from: %5$s
                      # null: a late proposal still gets a verdict, and a deadline rule refuses it
                      until: null
                    documents:
                      call-text:
                        title: %6$s
                    %7$s    reference: "Where the call text is found: its web address, or the file it came in."
                    parameters:
                      subsidyMax:
                        type: amount
                        value: 100000
                        description: the highest subsidy (AMIF plus VVSG) one project can ask
                        descriptionNl: de hoogste subsidie (AMIF plus VVSG) die één project kan vragen
                        source: {document: call-text, section: budget}
                    """.formatted(call, title, quoted(title), quoted(programme), from, quoted("Call text: " + title),
                    issuer == null ? "    # issuer: who published it; also date: and address: (its web address) where known\n"
                            : "    issuer: " + quoted(issuer) + "\n");
        }

        static String drl(String call, String title) {
            return """
                    // Call %1$s: %2$s.
                    // One rule with every metadata field; copy it for each check of the call (callcheck facts lists the facts,
                    // fields and values). The package is the call's own; imports hold for this file only.
                    package callcheck.rules.c%3$s;

                    import callcheck.model.Financing;
                    import callcheck.rules.Evaluation;
                    import callcheck.rules.Parameters;

                    // @id: the finding's id (a rule's variants, such as one for a missing fact, share it); @severity: BLOCKING,
                    // MISSING, WARNING or INFO; @title/@titleNl: what the rule checks, numbers named as {parameter};
                    // @nl/@en: the finding, each wholly in its language, {name} a value the consequence reports;
                    // @document/@section: the source, a document of pack.yaml; @needs: the proposal fields it reads (absent:
                    // INCOMPLETE); @uses: the parameters it reads. A WARNING, so that the one example covers it: `test`
                    // asks of a BLOCKING rule an example it refuses and one it lets pass.
                    rule "%1$s-SUBSIDY-MAX"
                        @id("%1$s-SUBSIDY-MAX") @severity("WARNING")
                        @title("The subsidy asked is at most {subsidyMax} euro")
                        @titleNl("De gevraagde subsidie is ten hoogste {subsidyMax} euro")
                        @nl("De gevraagde subsidie van {subsidy} euro is hoger dan het maximum van {limit} euro.")
                        @en("The subsidy asked of {subsidy} euro is above the maximum of {limit} euro.")
                        @document("call-text") @section("budget")
                        @needs("financing.amif financing.vvsg")
                        @uses("subsidyMax")
                    when
                        $e : Evaluation()
                        Parameters($limit : amount("subsidyMax"))
                        Financing($subsidy : subsidy != null, subsidy > $limit)
                    then
                        $e.report(drools, "subsidy", $subsidy, "limit", $limit);
                    end
                    """.formatted(call, title.replace("\n", " "), call.toLowerCase(Locale.ROOT).replace('-', '_'));
        }

        static String example(LocalDate from) {
            return """
                    {
                      "submittedOn": "%s",
                      "title": "A project asking more than the maximum",
                      "financing": {
                        "totalCost": 300000,
                        "amif": 75000,
                        "vvsg": 75000,
                        "own": 150000
                      }
                    }
                    """.formatted(from);
        }

        /** A JSON string is a YAML string: the title's quotes and colons stay as they are. */
        private static String quoted(String s) {
            return TextNode.valueOf(s).toString();
        }
    }
}
