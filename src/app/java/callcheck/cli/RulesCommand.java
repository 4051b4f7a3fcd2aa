package callcheck.cli;

import callcheck.language.Language;

import callcheck.rules.Parameter;
import callcheck.examples.PackDiff;
import callcheck.pack.RuleInfo;
import callcheck.pack.RulePack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Prints the rules of the packs as Markdown, read back from the compiled rules' metadata: the same source that
 * feeds the verdicts and the HTTP rule list, so the docs cannot drift from the rules.
 */
@Command(name = "rules", description = {"Print the rules and parameters of the packs as Markdown, read from the compiled rules.",
        "Each rule with its messages, needs, uses and source; from a call's second version on, what changed since the",
        "version before is marked."})
final class RulesCommand implements Callable<Integer> {
    @Option(names = "--call", description = "only this call")
    String call;

    @Option(names = "--version", description = "only this version of the call")
    String version;

    @Option(names = "--rules", defaultValue = "${env:CALLCHECK_RULES:-rules}", description = "rules folder (default: ${DEFAULT-VALUE})")
    Path rules;

    @Option(names = "--lang", defaultValue = "en", converter = LanguageOption.class, paramLabel = "nl|en",
            description = "the language of the rules' titles, sections and assumptions and of the parameters' descriptions (default: ${DEFAULT-VALUE})")
    Language lang;

    /** "nl" or "en", as the pages and the API write the languages. */
    static final class LanguageOption implements picocli.CommandLine.ITypeConverter<Language> {
        @Override
        public Language convert(String value) {
            for (Language l : Language.values()) if (l.name().equalsIgnoreCase(value)) return l;
            throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a language: write nl or en");
        }
    }

    @picocli.CommandLine.Mixin
    CacheOption cache;

    @Override
    public Integer call() {
        callcheck.pack.CompiledPackCache packCache = cache.open();
        callcheck.evaluation.LoadReport report;
        try {
            report = ValidateCommand.load(rules, System.err, call, packCache);
        } finally {
            CacheOption.finish(packCache);
        }
        if (report == null) return 2;
        if (!report.failures().isEmpty()) {
            System.err.println("the rules do not compile:");
            ValidateCommand.printErrors(rules, report, System.err);
            return 2;
        }
        List<String> calls = call == null ? report.packs().calls() : List.of(call);
        for (String c : calls) {
            RulePack previous = null;
            for (RulePack pack : report.packs().versions(c)) {
                if (version == null || version.equals(pack.version())) print(pack, previous, lang, System.out);
                previous = pack;
            }
        }
        return 0;
    }

    /** What a version that extends another states itself; the rest, marked "(inherited)" in the tables, it inherits. */
    static String lineage(RulePack pack) {
        var l = pack.lineage();
        List<String> stated = java.util.stream.Stream.concat(pack.rules().stream(), pack.round() == null ? java.util.stream.Stream.<RuleInfo>empty()
                : pack.round().rules().stream()).filter(pack::states).map(RuleInfo::id).distinct().sorted().toList();
        return "Extends version " + l.extendsVersion() + " and states only: parameters " + (l.parameters().isEmpty() ? "none" : String.join(", ", l.parameters()))
                + "; rules " + (stated.isEmpty() ? "none" : String.join(", ", stated))
                + (l.removed().isEmpty() ? "" : "; removes " + String.join(", ", l.removed())) + ". Everything else is inherited.";
    }

    private static String inherited(RulePack pack, RuleInfo r) {
        return pack.states(r) ? "" : " (inherited)";
    }

    /**
     * One version: its rules with messages, needs and uses, then its parameters; with the previous version of the call
     * (null for the first), a last column says what changed since it. The titles are in the language asked.
     */
    static void print(RulePack pack, RulePack previous, Language language, PrintStream out) {
        var m = pack.manifest();
        PackDiff diff = previous == null ? null : PackDiff.of(previous, pack);
        out.printf("## Call %s, version %s: %s%n%n", m.call(), m.version(), m.title());
        out.printf("%s. Governs submissions from %s%s. Digest `%s`.%s%n%n", m.programme(), m.submissions().from(),
                m.submissions().until() == null ? " on" : " until " + m.submissions().until(), pack.digest(),
                previous == null ? "" : " Changes since version " + previous.version() + " are marked.");
        if (pack.lineage() != null) out.println(lineage(pack) + "\n");
        // Where the evaluations run (Evaluator): an analyst sees what keeps a pack off the caller's thread.
        out.println((pack.unstoppable() == null ? "A halt stops every rule: evaluated on the caller's thread within the time budget."
                : "Evaluated on a worker thread, since a halt might not stop " + pack.unstoppable() + ".") + "\n");
        out.println("| rule | severity | checks | messages (nl; en) | needs | uses | source | assumption |" + (diff == null ? "" : " since " + previous.version() + " |"));
        out.println("| --- | --- | --- | --- | --- | --- | --- | --- |" + (diff == null ? "" : " --- |"));
        for (RuleInfo r : pack.rules()) {
            String changed = "";
            if (diff != null) {
                for (PackDiff.RuleChange c : diff.rules()) {
                    if (c.name().equals(r.name())) changed = c.before() == null ? "**new**" : "**changed**: " + String.join(", ", c.what());
                }
            }
            out.printf("| %s | %s | %s | %s; %s | %s | %s | %s, %s | %s |%s%n", (r.isPrimary() ? r.id() : r.id() + " (" + r.name().substring(r.id().length()).trim() + ")") + inherited(pack, r),
                    r.severity(), cell(r.title(language)), cell(r.nl()), cell(r.en()), cell(String.join(" ", r.needs())), cell(String.join(" ", r.uses())),
                    cell(r.source().document()), cell(section(r.source(), language)), cell(inLanguage(r.assumption(), r.assumptionNl(), language)),
                    diff == null ? "" : " " + changed + " |");
        }
        if (diff != null) {
            for (PackDiff.RuleChange c : diff.rules()) {
                if (c.after() == null) out.printf("| %s | | **removed** since %s | | | | | |%s%n", c.name(), previous.version(), " |");
            }
        }
        if (pack.round() != null) {
            out.println();
            out.println("| call-level rule | severity | checks on the selected proposals | limit | source | assumption |");
            out.println("| --- | --- | --- | --- | --- | --- |");
            for (RuleInfo r : pack.round().rules()) {
                out.printf("| %s | %s | %s | %s | %s, %s | %s |%n", r.id() + inherited(pack.round(), r), r.severity(), cell(r.title(language)), r.limit() == null ? "" : cell(r.limit()),
                        cell(r.source().document()), cell(section(r.source(), language)), cell(inLanguage(r.assumption(), r.assumptionNl(), language)));
            }
        }
        out.println();
        out.println("| parameter | value | what | source or assumption |" + (diff == null ? "" : " since " + previous.version() + " |"));
        out.println("| --- | --- | --- | --- |" + (diff == null ? "" : " --- |"));
        for (Parameter p : m.parameters().keySet().stream().map(pack.parameters()::get).toList()) {
            String from = p.source() == null ? "" : p.source().document() + ", " + section(p.source(), language);
            if (p.assumption() != null) from = (from.isEmpty() ? "" : from + "; ") + inLanguage(p.assumption(), p.assumptionNl(), language);
            String changed = "";
            if (diff != null) {
                for (PackDiff.ParameterChange c : diff.parameters()) {
                    if (c.name().equals(p.name())) changed = c.before() == null ? "**new**" : "**changed**: was " + (c.before().isUnknown() ? "unknown" : c.before().value());
                }
            }
            out.printf("| %s | %s | %s | %s |%s%n", p.name() + (pack.lineage() != null && !pack.lineage().states(p.name()) ? " (inherited)" : ""), p.isUnknown() ? "unknown" : p.value(), cell(inLanguage(p.description(), p.descriptionNl(), language)), cell(from),
                    diff == null ? "" : " " + changed + " |");
        }
        out.println();
    }

    /** The Dutch text where the language is Dutch and the pack gives it, else the English (or null). */
    private static String inLanguage(String en, String nl, Language language) {
        return language == Language.NL && nl != null ? nl : en;
    }

    private static String section(callcheck.engine.Source source, Language language) {
        return inLanguage(source.section(), source.sectionNl(), language);
    }

    private static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|");
    }
}
