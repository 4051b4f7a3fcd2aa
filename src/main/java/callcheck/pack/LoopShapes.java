package callcheck.pack;

import callcheck.engine.CompileError;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Warnings, not errors, for rules shaped like a loop: a consequence that {@code modify}s or {@code update}s a fact its
 * own conditions match, without {@code no-loop} (each change can make the rule fire again), and a {@code while} in a
 * consequence (a loop on a condition of the proposal may never end). Both can be right; the evaluation's time budget
 * stops the ones that are not, but an analyst should look at them before a proposal does.
 */
public final class LoopShapes {
    private static final Pattern MODIFY = Pattern.compile("\\b(modify|update)\\s*\\(\\s*(\\$?\\w+)\\s*\\)");
    private static final Pattern WHILE = Pattern.compile("\\bwhile\\s*\\(");

    private LoopShapes() {
    }

    /** The warnings of every .drl file under the rules folder (symbolic links are not followed), by path from it. */
    public static List<CompileError> warnings(Path rules) {
        List<CompileError> out = new ArrayList<>();
        Path root = rules.toAbsolutePath().normalize();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".drl") && Files.isRegularFile(p) && !Files.isSymbolicLink(p)).sorted().toList()) {
                out.addAll(warnings(PackLoader.rel(root, f), Files.readString(f, StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            // an unreadable folder or file is an error of validate itself, not a warning
        }
        return out;
    }

    /** The warnings of one DRL text; a text that does not parse has none (its errors are reported by the compile). */
    static List<CompileError> warnings(String file, String drl) {
        PackageDescr pkg;
        try {
            DrlParser parser = new DrlParser();
            pkg = parser.parse(false, drl);
            if (parser.hasErrors() || pkg == null) return List.of();
        } catch (DroolsParserException | RuntimeException e) {
            return List.of();
        }
        List<CompileError> out = new ArrayList<>();
        for (RuleDescr rule : pkg.getRules()) {
            if (!(rule.getConsequence() instanceof String consequence)) continue;
            int consequenceLine = lineOf(drl, consequence, rule.getConsequenceLine());
            boolean noLoop = rule.getAttributes().containsKey("no-loop") || rule.getAttributes().containsKey("lock-on-active");
            Set<String> matched = new HashSet<>();
            bound(rule.getLhs(), matched);
            String[] lines = consequence.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                Matcher m = MODIFY.matcher(lines[i]);
                while (m.find()) {
                    if (!noLoop && matched.contains(m.group(2))) {
                        out.add(new CompileError(file, consequenceLine + i, m.start() + 1, "warning: rule \"" + rule.getName() + "\" "
                                + m.group(1) + "s " + m.group(2) + ", a fact its own conditions match, without no-loop: each "
                                + m.group(1) + " can make it fire again"));
                    }
                }
                Matcher w = WHILE.matcher(lines[i]);
                if (w.find()) {
                    out.add(new CompileError(file, consequenceLine + i, w.start() + 1, "warning: rule \"" + rule.getName()
                            + "\" loops with while in its consequence: a loop that never ends on some proposal is abandoned at the evaluation's time budget"));
                }
            }
        }
        return out;
    }

    /** The identifiers bound to the facts of the rule's patterns, at any depth. */
    private static void bound(BaseDescr descr, Set<String> out) {
        if (descr instanceof PatternDescr p) {
            if (p.getIdentifier() != null) out.add(p.getIdentifier());
        } else if (descr instanceof ConditionalElementDescr ce) {
            for (BaseDescr d : ce.getDescrs()) bound(d, out);
        }
    }

    /** The line of the consequence's first line in the file: where its text starts at or after the line Drools gives. */
    private static int lineOf(String drl, String consequence, int fromLine) {
        int offset = 0;
        for (int line = 1; line < fromLine - 1; line++) { // a line early, in case Drools counts from "then"
            int nl = drl.indexOf('\n', offset);
            if (nl < 0) break;
            offset = nl + 1;
        }
        int at = drl.indexOf(consequence, offset);
        if (at < 0) return Math.max(fromLine, 1);
        int line = 1;
        for (int i = 0; i < at; i++) if (drl.charAt(i) == '\n') line++;
        return line;
    }
}
