package callcheck.cli;

import callcheck.internal.engine.PackEngine;

import callcheck.internal.engine.PackEngine;
import callcheck.rules.Parameter;
import callcheck.internal.pack.RuleInfo;
import callcheck.internal.pack.RulePack;
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
@Command(name = "rules", description = "Print the rules and parameters of the packs as Markdown, from the compiled rules.")
final class RulesCommand implements Callable<Integer> {
    @Option(names = "--call", description = "only this call")
    String call;

    @Option(names = "--version", description = "only this version of the call")
    String version;

    @Option(names = "--rules", defaultValue = "${env:CALLCHECK_RULES:-rules}", description = "rules folder (default: ${DEFAULT-VALUE})")
    Path rules;

    @Override
    public Integer call() {
        PackEngine engine = PackEngine.load(rules);
        List<String> calls = call == null ? engine.packs().calls() : List.of(call);
        for (String c : calls) {
            for (RulePack pack : engine.packs().versions(c)) {
                if (version == null || version.equals(pack.version())) print(pack, System.out);
            }
        }
        return 0;
    }

    static void print(RulePack pack, PrintStream out) {
        var m = pack.manifest();
        out.printf("## Call %s, version %s: %s%n%n", m.call(), m.version(), m.title());
        out.printf("%s. Governs submissions from %s%s. Digest `%s`.%n%n", m.programme(), m.submissions().from(),
                m.submissions().until() == null ? " on" : " until " + m.submissions().until(), pack.digest());
        out.println("| rule | severity | checks | source | assumption |");
        out.println("| --- | --- | --- | --- | --- |");
        for (RuleInfo r : pack.rules()) {
            out.printf("| %s | %s | %s | %s, %s | %s |%n", r.isPrimary() ? r.id() : r.id() + " (" + r.name().substring(r.id().length()).trim() + ")",
                    r.severity(), cell(r.title()), cell(r.source().document()), cell(r.source().section()),
                    r.assumption() == null ? "" : cell(r.assumption()));
        }
        if (pack.round() != null) {
            out.println();
            out.println("| call-level rule | severity | checks on the selected proposals | limit | source | assumption |");
            out.println("| --- | --- | --- | --- | --- | --- |");
            for (RuleInfo r : pack.round().rules()) {
                out.printf("| %s | %s | %s | %s | %s, %s | %s |%n", r.id(), r.severity(), cell(r.title()), r.limit() == null ? "" : cell(r.limit()),
                        cell(r.source().document()), cell(r.source().section()), r.assumption() == null ? "" : cell(r.assumption()));
            }
        }
        out.println();
        out.println("| parameter | value | what | source or assumption |");
        out.println("| --- | --- | --- | --- |");
        for (Parameter p : m.parameters().keySet().stream().map(pack.parameters()::get).toList()) {
            String from = p.source() == null ? "" : p.source().document() + ", " + p.source().section();
            if (p.assumption() != null) from = (from.isEmpty() ? "" : from + "; ") + p.assumption();
            out.printf("| %s | %s | %s | %s |%n", p.name(), p.isUnknown() ? "unknown" : p.value(), cell(p.description()), cell(from));
        }
        out.println();
    }

    private static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|");
    }
}
