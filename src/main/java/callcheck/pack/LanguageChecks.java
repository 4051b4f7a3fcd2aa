package callcheck.pack;

import callcheck.engine.CompileError;
import callcheck.language.Labels;
import callcheck.language.Wording;
import callcheck.rules.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code validate} checks of the words a pack shows: every placeholder of a message names a value the rule
 * reports or a parameter, every placeholder of a title a parameter (a typo such as {@code {aantal}} would otherwise
 * reach applicants as written); and, in a rules folder with {@link Labels#FILE}, that it labels every code a finding can
 * show and every fact a rule needs.
 */
final class LanguageChecks {
    private static final Pattern REPORT = Pattern.compile("\\.report\\s*\\(\\s*drools\\b");

    private LanguageChecks() {
    }

    static List<CompileError> check(Path root, List<RuleInfo> rules, Parameters parameters, Labels labels) {
        List<CompileError> errors = new ArrayList<>();
        Map<String, List<String>> read = new HashMap<>(); // each file once, not once per rule
        for (RuleInfo r : rules) {
            List<String> lines = read.computeIfAbsent(r.file(), f -> lines(root.resolve(f)));
            int start = declaration(lines, r.name());
            Set<String> reported = reported(lines, start);
            placeholders(r, "title", r.title(), Set.of(), parameters, lines, start, errors);
            placeholders(r, "titleNl", r.titleNl(), Set.of(), parameters, lines, start, errors);
            if (reported != null) {
                placeholders(r, "nl", r.nl(), reported, parameters, lines, start, errors);
                placeholders(r, "en", r.en(), reported, parameters, lines, start, errors);
            }
        }
        if (labels.present()) {
            String file = PackLoader.REFERENCE_DIR + "/" + Labels.FILE;
            List<String> values = labels.unlabelledValues();
            if (!values.isEmpty()) errors.add(new CompileError(file, 0, 0, "values: no label in Dutch and English for " + values));
            Set<String> needs = new TreeSet<>();
            for (RuleInfo r : rules) needs.addAll(r.needs());
            List<String> facts = labels.unlabelledFacts(needs);
            if (!facts.isEmpty()) {
                errors.add(new CompileError(file, 0, 0, "facts: no label in Dutch and English for " + facts + ", which rules @needs: a missing fact is named by its label"));
            }
        }
        return errors;
    }

    private static void placeholders(RuleInfo r, String key, String text, Set<String> reported, Parameters parameters, List<String> lines,
                                     int start, List<CompileError> errors) {
        for (String name : Wording.placeholders(text)) {
            if (reported.contains(name) || parameters.all().containsKey(name)) continue;
            String placeholder = "{" + name + "}";
            int line = start, column = 0;
            for (int i = Math.max(start, 0); i < lines.size() && !lines.get(i).trim().equals("when"); i++) {
                int k = lines.get(i).indexOf("@" + key + "(");
                int w = k < 0 ? -1 : lines.get(i).indexOf(placeholder, k);
                if (w >= 0) {
                    line = i;
                    column = w + 1;
                    break;
                }
            }
            String allowed = key.startsWith("title") ? "a parameter of the pack (a title shows no reported value)"
                    : "a value the rule reports " + new TreeSet<>(reported) + " or a parameter of the pack";
            errors.add(new CompileError(r.file(), line + 1, column, "rule \"" + r.name() + "\" @" + key + " has " + placeholder
                    + ", which is not " + allowed));
        }
    }

    /** The names the rule's {@code report(drools, "name", value, ...)} calls give; null when one is not written out. */
    private static Set<String> reported(List<String> lines, int start) {
        if (start < 0) return null;
        StringBuilder body = new StringBuilder();
        for (int i = start + 1; i < lines.size() && !lines.get(i).trim().startsWith("rule \""); i++) {
            String l = lines.get(i);
            if (!l.stripLeading().startsWith("//")) body.append(l).append('\n');
        }
        Set<String> out = new HashSet<>();
        Matcher m = REPORT.matcher(body);
        boolean any = false;
        while (m.find()) {
            any = true;
            List<String> args = arguments(body, m.end());
            for (int i = 0; i < args.size(); i += 2) {
                String a = args.get(i).trim();
                if (a.length() < 2 || !a.startsWith("\"") || !a.endsWith("\"")) return null;
                out.add(a.substring(1, a.length() - 1));
            }
        }
        return any ? out : null;
    }

    /** The arguments after {@code drools} up to the closing parenthesis, split at the commas outside parentheses and strings. */
    private static List<String> arguments(CharSequence s, int from) {
        List<String> args = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        StringBuilder cur = null;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '\\' && i + 1 < s.length()) cur.append(c).append(s.charAt(++i));
                else {
                    if (c == '"') quoted = false;
                    cur.append(c);
                }
                continue;
            }
            if (depth == 0 && (c == ',' || c == ')')) {
                if (cur != null) args.add(cur.toString());
                if (c == ')') break;
                cur = new StringBuilder();
                continue;
            }
            if (c == '(') depth++;
            if (c == ')') depth--;
            if (c == '"') quoted = true;
            if (cur != null) cur.append(c);
        }
        return args;
    }

    /** The index of the line {@code rule "name"}, or -1. */
    private static int declaration(List<String> lines, String name) {
        String needle = "rule \"" + name + "\"";
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).trim().startsWith(needle)) return i;
        return -1;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
