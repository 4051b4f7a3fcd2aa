package callcheck.pack;

import callcheck.engine.CompileError;

import org.drools.core.common.TruthMaintenanceSystemFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a pack's errors point where the analyst must look, so that {@code file:line:col} opens the right place in an
 * editor: Drools sometimes gives the position only in its message text (columns counted from 0 there), reports one
 * bad import once per rule and names only one of two rules that share a name; manifest checks know the entry, not
 * its line. Columns come out counted from 1; line 0 still means the error concerns the whole file.
 */
final class Diagnostics {
    /** "[ERR 102] Line 19:4 mismatched input ...": the parser's position, column counted from 0. */
    private static final Pattern TEXT_POSITION = Pattern.compile("\\bLine (\\d+):(\\d+)\\b");
    private static final Pattern DUPLICATE_RULE = Pattern.compile("^Duplicate rule name: (.+)$");
    private static final Pattern BAD_IMPORT = Pattern.compile(
            "Only a type can be imported\\. (\\S+) resolves to a package|Error importing : '([^']+)'");
    private static final Pattern QUOTED = Pattern.compile("'([^']+)'|\"([^\"]+)\"");
    private static final String NULL_PACKAGE = "Parser returned a null Package";
    private static final Pattern MISSING_PROPERTY = Pattern.compile("^Missing required creator property '([^']+)'.*");
    private static final Pattern SNAKE_MARK = Pattern.compile(" in 'reader', line (\\d+), column (\\d+):.*?\\^");
    /** "[ERR 102] Line 20:0 mismatched input 'then' in rule "507-DEADLINE"": where the parser stopped, not what is wrong. */
    private static final Pattern MISMATCHED = Pattern.compile("^\\[ERR 10\\d] Line (\\d+):(\\d+) (?:mismatched input|extraneous input|no viable alternative at input) '([^']*)'.*?(?: in rule \"([^\"]+)\")?$");
    /** MVEL's "unable to resolve method using strict-mode: callcheck.model.Financing.subsidie()": a field the fact type lacks. */
    private static final Pattern UNKNOWN_FIELD = Pattern.compile("unable to resolve method using strict-mode: ([\\w.]+)\\.(\\$?\\w+)\\(\\)");
    /** The Java compiler on a consequence: "Rule Compilation error $lest cannot be resolved to a variable". */
    private static final Pattern UNRESOLVED = Pattern.compile("^Rule Compilation error (\\$?\\w+) cannot be resolved(?: to a (?:variable|type))?$");
    /** A parser error ("[ERR 102] Line 36:0 ..."): the file may have a quote left open or a rule without its end. */
    private static final Pattern PARSER_ERROR = Pattern.compile("^\\[ERR \\d+]");
    /** Where a DRL name can be imported from: the model, the rules' vocabulary and what rules use of the JDK. */
    private static final List<String> IMPORTABLE = List.of("callcheck.model", "callcheck.rules", "callcheck.reference",
            "java.math", "java.time", "java.util");
    private static final Pattern UNKNOWN_TYPE = Pattern.compile("^Unable to resolve ObjectType '(\\w+)'");
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(?:[\\w]+\\.)+(\\w+)\\s*;");
    private static final Pattern BINDING = Pattern.compile("(\\$\\w+)\\s*:(?!:)");
    /** What Drools adds after an unknown field: the same mistake again, said worse. */
    private static final Pattern UNKNOWN_FIELD_ECHO = Pattern.compile("^Field Reader does not exist for declaration|^Rule Compilation error .* cannot be resolved to a variable$");
    private static final Pattern MANIFEST_ENTRY = Pattern.compile("^(parameter|document|assumption) '?([^\\s':]+)'?(.*)$");

    private final Path root;
    private final List<Path> drlFiles;
    private final Map<String, List<String>> lines = new HashMap<>();

    private Diagnostics(Path root, List<Path> drlFiles) {
        this.root = root;
        this.drlFiles = drlFiles;
    }

    /** The errors of the pack in {@code folder}, located and without repeats. Paths are relative to {@code root}. */
    static List<CompileError> refine(Path root, Path folder, List<CompileError> raw) {
        Path r = root.toAbsolutePath().normalize();
        Diagnostics d = new Diagnostics(r, PackLoader.drlFiles(folder.toAbsolutePath().normalize()));
        Set<String> filesWithOtherErrors = new LinkedHashSet<>();
        for (CompileError e : raw) if (!e.message().equals(NULL_PACKAGE)) filesWithOtherErrors.add(e.file());
        Set<String> filesWithUnknownField = new LinkedHashSet<>();
        for (CompileError e : raw) if (UNKNOWN_FIELD.matcher(e.message()).find()) filesWithUnknownField.add(e.file());
        Map<String, List<CompileError>> shapes = new HashMap<>();
        for (CompileError e : raw) {
            if (e.file().endsWith(".drl") && PARSER_ERROR.matcher(e.message()).find()) shapes.computeIfAbsent(e.file(), f -> d.shape(f, raw));
        }
        // Equal errors once: the same mistake reported for several rules differs only in the compiler's words.
        Map<List<Object>, CompileError> out = new LinkedHashMap<>();
        for (CompileError e : raw) {
            // Drools adds this after any syntax error in the file; the syntax error says what is wrong.
            if (e.message().equals(NULL_PACKAGE) && filesWithOtherErrors.contains(e.file())) continue;
            if (filesWithUnknownField.contains(e.file()) && UNKNOWN_FIELD_ECHO.matcher(e.message()).find()) continue;
            List<CompileError> shape = shapes.get(e.file());
            List<CompileError> refined = shape != null && !shape.isEmpty() ? shape
                    : List.of(e.file().endsWith(".drl") ? d.drl(e) : e.file().endsWith(".yaml") || e.file().endsWith(".yml") ? d.yaml(e) : e);
            for (CompileError x : refined) out.putIfAbsent(List.of(x.file(), x.line(), x.column(), x.message()), x);
        }
        return List.copyOf(out.values());
    }

    /**
     * A file's parser errors blamed on their cause when its text shows one: a quote left open (the string runs on to
     * the end of the file), else each rule without its {@code end}. Empty when the text shows neither.
     */
    private List<CompileError> shape(String file, List<CompileError> raw) {
        List<String> text = lines(file);
        String detail = String.join(" | ", raw.stream().filter(e -> e.file().equals(file)).map(CompileError::message).toList());
        DrlShape.Place quote = DrlShape.unclosedQuote(text);
        if (quote != null) {
            return List.of(new CompileError(file, quote.line(), quote.column(),
                    "a '\"' is not closed on this line: close the text with '\"' on the same line", detail));
        }
        List<CompileError> out = new ArrayList<>();
        for (DrlShape.Place p : DrlShape.rulesWithoutEnd(text)) {
            out.add(new CompileError(file, p.line(), p.column(),
                    "rule \"" + p.rule() + "\" has no `end`: write `end` on the line after its consequence", detail));
        }
        return out;
    }

    private CompileError drl(CompileError e) {
        Matcher imp = BAD_IMPORT.matcher(e.message());
        if (imp.find()) {
            // Imports are shared by the DRL package, so Drools blames every rule: blame the import instead.
            String type = imp.group(1) != null ? imp.group(1) : imp.group(2);
            CompileError at = find("import " + type);
            if (at != null) return new CompileError(at.file(), at.line(), at.column(), "import " + type + ": there is no such class");
        }
        if (e.message().startsWith(TruthMaintenanceSystemFactory.NO_TMS)) {
            // The engine runs without truth maintenance (see pom.xml): say so at the line, not Drools' classpath advice.
            CompileError at = findContaining(e.file(), "insertLogical");
            return new CompileError(e.file(), at == null ? 0 : at.line(), at == null ? 0 : at.column(),
                    "insertLogical is not supported: callcheck runs without truth maintenance; a rule reports what it finds"
                            + " with $e.report(drools, ...) instead of inserting facts");
        }
        Matcher dup = DUPLICATE_RULE.matcher(e.message());
        if (dup.find()) {
            String name = dup.group(1).trim();
            List<String> others = new ArrayList<>();
            for (CompileError at : findAll("rule \"" + name + "\"")) {
                if (!(at.file().equals(e.file()) && at.line() == e.line())) others.add(at.file() + ":" + at.line());
            }
            String message = "two rules are named \"" + name + "\"" + (others.isEmpty() ? "" : " (also " + String.join(", ", others) + ")")
                    + ": a DRL rule name must be unique in the pack; only the rule that checks an id is named like the id,"
                    + " its variants get names of their own";
            return new CompileError(e.file(), e.line(), column(e.file(), e.line(), 0, null), message);
        }
        Matcher mismatched = MISMATCHED.matcher(e.message());
        if (mismatched.matches()) return syntax(e.file(), Integer.parseInt(mismatched.group(1)), Integer.parseInt(mismatched.group(2)) + 1,
                mismatched.group(3), mismatched.group(4));
        Matcher objectType = UNKNOWN_TYPE.matcher(e.message());
        if (objectType.find()) {
            String name = objectType.group(1);
            CompileError plain = unknownName(e, name);
            if (plain != null) return plain;
            CompileError at = e.line() > 0 ? findOnLine(e.file(), e.line(), name) : null;
            String nearest = nearest(name, imported(e.file()));
            return new CompileError(e.file(), e.line(), at != null ? at.column() : column(e.file(), e.line(), e.column(), name),
                    "`" + name + "` is not a fact type the file imports" + (nearest != null ? ": did you mean `" + nearest + "`?" : ""),
                    e.message());
        }
        Matcher unresolved = UNRESOLVED.matcher(e.message());
        if (unresolved.matches()) {
            CompileError plain = unknownName(e, unresolved.group(1));
            if (plain != null) return plain;
        }
        Matcher field = UNKNOWN_FIELD.matcher(e.message());
        if (field.find()) {
            String type = field.group(1), name = field.group(2);
            // MVEL reads an unknown name in a condition as a field of the fact: a variable or a class it could not find.
            CompileError plain = unknownName(e, name);
            if (plain != null) return plain;
            CompileError at = e.line() > 0 ? findOnLine(e.file(), e.line(), name) : null;
            String simple = type.substring(type.lastIndexOf('.') + 1);
            List<String> fields = properties(type);
            return new CompileError(e.file(), at != null ? at.line() : e.line(), at != null ? at.column() : column(e.file(), e.line(), 0, name),
                    simple + " has no field '" + name + "'" + (fields.isEmpty() ? "" : "; its fields: " + String.join(", ", fields)));
        }
        int line = e.line();
        int column = e.column();
        Matcher pos = TEXT_POSITION.matcher(e.message());
        if (pos.find()) {
            int textLine = Integer.parseInt(pos.group(1));
            if (line <= 0) line = textLine;
            if (textLine == line && column <= 0) column = Integer.parseInt(pos.group(2)) + 1;
        }
        return new CompileError(e.file(), line, column(e.file(), line, column, quoted(e.message())), e.message());
    }

    /**
     * An unknown name in plain words, at its place: a {@code $variable} no condition of the rule binds (with the
     * nearest bound one), or a class that exists but the file does not import. Null for any other name.
     */
    private CompileError unknownName(CompileError e, String name) {
        if (name.startsWith("$")) {
            CompileError at = occurrence(e.file(), e.line(), name);
            int line = at != null ? at.line() : e.line();
            List<String> bound = bindings(e.file(), line);
            String nearest = nearest(name, bound);
            String rule = ruleAt(e.file(), line);
            String message = "`" + name + "` is not bound" + (nearest != null ? ": did you mean `" + nearest + "`?"
                    : (rule == null ? "" : " in rule \"" + rule + "\"") + ": a condition binds a variable before it is used, as in `"
                    + name + " : field`");
            return new CompileError(e.file(), line, at != null ? at.column() : column(e.file(), line, 0, name), message, e.message());
        }
        if (name.isEmpty() || !Character.isUpperCase(name.charAt(0))) return null;
        String type = importable(name);
        if (type == null) return null;
        CompileError at = occurrence(e.file(), e.line(), name);
        int line = at != null ? at.line() : e.line();
        return new CompileError(e.file(), line, at != null ? at.column() : column(e.file(), line, 0, name),
                name + " is not imported: add `import " + type + ";` to the imports at the top of the file", e.message());
    }

    /** The simple names of the classes a DRL file imports. */
    private List<String> imported(String file) {
        List<String> out = new ArrayList<>();
        for (String s : lines(file)) {
            Matcher m = IMPORT.matcher(s);
            if (m.find()) out.add(m.group(1));
        }
        return out;
    }

    /** The class a simple name stands for in the packages rules import from; null when there is none. */
    private static String importable(String simpleName) {
        for (String p : IMPORTABLE) {
            try {
                Class.forName(p + "." + simpleName, false, Diagnostics.class.getClassLoader());
                return p + "." + simpleName;
            } catch (ClassNotFoundException | LinkageError e) {
                // not in this package
            }
        }
        return null;
    }

    /**
     * Where a name is written as a whole word outside imports and line comments: on the line given when it is there,
     * else the first such place in the file; null when nowhere.
     */
    private CompileError occurrence(String file, int line, String name) {
        Pattern word = Pattern.compile("(?<![\\w$])" + Pattern.quote(name) + "(?![\\w$])");
        List<String> text = lines(file);
        List<Integer> order = new ArrayList<>();
        if (line >= 1 && line <= text.size()) order.add(line - 1);
        for (int i = 0; i < text.size(); i++) order.add(i);
        for (int i : order) {
            String s = text.get(i);
            if (s.stripLeading().startsWith("import ")) continue;
            int comment = s.indexOf("//");
            Matcher m = word.matcher(comment < 0 ? s : s.substring(0, comment));
            if (m.find()) return new CompileError(file, i + 1, m.start() + 1, "");
        }
        return null;
    }

    /** The name of the rule whose text holds the line; null when none does. */
    private String ruleAt(String file, int line) {
        List<String> text = lines(file);
        Pattern rule = Pattern.compile("^\\s*rule\\s+\"([^\"]*)\"");
        for (int i = Math.min(line, text.size()) - 1; i >= 0; i--) {
            Matcher m = rule.matcher(text.get(i));
            if (m.find()) return m.group(1);
        }
        return null;
    }

    /** The variables bound in the rule around the line ({@code $x : ...}), in order. */
    private List<String> bindings(String file, int line) {
        List<String> text = lines(file);
        int start = Math.min(Math.max(line, 1), text.size()) - 1;
        while (start > 0 && !text.get(start).stripLeading().startsWith("rule ")) start--;
        List<String> out = new ArrayList<>();
        for (int i = Math.max(start, 0); i < text.size(); i++) {
            if (i > start && text.get(i).stripLeading().startsWith("rule ")) break;
            Matcher m = BINDING.matcher(text.get(i));
            while (m.find()) if (!out.contains(m.group(1))) out.add(m.group(1));
        }
        return out;
    }

    /** The bound name closest to a misspelt one (at most two letters off, and fewer than half of them); null if none. */
    private static String nearest(String name, List<String> bound) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String b : bound) {
            int d = distance(name, b);
            if (d < bestDistance && d <= 2 && d * 2 < b.length()) {
                best = b;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /**
     * A syntax error where the parser stopped at {@code token}: when the rule's conditions so far open more
     * parentheses than they close, the missing ')' belongs at the end of the last line written before the token;
     * otherwise say where the parser stopped ("near line N").
     */
    private CompileError syntax(String file, int line, int column, String token, String rule) {
        List<String> text = lines(file);
        String in = rule == null ? "" : " in rule \"" + rule + "\"";
        if (line >= 1 && line <= text.size()) {
            // The last line written before the token, and the conditions from 'when' (or the rule's start) to it.
            int last = line - 2;
            while (last >= 0 && (text.get(last).isBlank() || text.get(last).trim().startsWith("//"))) last--;
            int start = last;
            while (start > 0 && !text.get(start).trim().equals("when") && !text.get(start).trim().startsWith("rule ")) start--;
            int depth = 0;
            for (int i = start + 1; last >= 0 && i <= last; i++) depth += balance(text.get(i));
            if (depth > 0) {
                String s = text.get(last).stripTrailing();
                return new CompileError(file, last + 1, s.length() + 1, (depth == 1 ? "a ')' is" : depth + " ')' are") + " missing at the end of this line"
                        + in + ": its conditions open " + depth + " more '(' than they close before '" + token + "' on line " + line);
            }
        }
        return new CompileError(file, line, column > 0 ? column : column(file, line, 0, token),
                "syntax error near line " + line + in + ": '" + token + "' was not expected here; check the line and the one before it");
    }

    /** Parentheses opened minus closed on a line, outside strings and line comments. */
    private static int balance(String line) {
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"' && (i == 0 || line.charAt(i - 1) != '\\')) quoted = !quoted;
            else if (!quoted && c == '/' && i + 1 < line.length() && line.charAt(i + 1) == '/') break;
            else if (!quoted && c == '(') depth++;
            else if (!quoted && c == ')') depth--;
        }
        return depth;
    }

    /** Where a word is written on a line, as a position; null when it is not. */
    private CompileError findOnLine(String file, int line, String word) {
        List<String> text = lines(file);
        if (line > text.size()) return null;
        Matcher m = Pattern.compile("\\b" + Pattern.quote(word) + "\\b").matcher(text.get(line - 1));
        return m.find() ? new CompileError(file, line, m.start() + 1, "") : null;
    }

    /** The fields a rule can read on a fact type: its getters' names, as the rules write them. */
    private static List<String> properties(String type) {
        List<String> out = new ArrayList<>();
        try {
            for (java.lang.reflect.Method m : Class.forName(type).getMethods()) {
                if (m.getParameterCount() != 0 || m.getDeclaringClass() == Object.class || java.lang.reflect.Modifier.isStatic(m.getModifiers())) continue;
                String n = m.getName();
                String property = n.startsWith("get") && n.length() > 3 ? n.substring(3) : n.startsWith("is") && n.length() > 2 ? n.substring(2) : null;
                if (property == null) continue;
                boolean acronym = property.length() > 1 && Character.isUpperCase(property.charAt(1));
                out.add(acronym ? property : Character.toLowerCase(property.charAt(0)) + property.substring(1));
            }
        } catch (ClassNotFoundException | LinkageError e) {
            return List.of();
        }
        return out.stream().sorted().toList();
    }

    /**
     * The column: the one known, else where the name quoted in the message is written on the line, else where the
     * line's text starts; 0 when the line is unknown.
     */
    private int column(String file, int line, int known, String token) {
        if (line <= 0) return 0;
        if (known > 0) return known;
        List<String> text = lines(file);
        if (token != null && line <= text.size()) {
            int at = text.get(line - 1).indexOf(token);
            if (at >= 0) return at + 1;
        }
        return firstNonBlank(text, line);
    }

    private static int firstNonBlank(List<String> text, int line) {
        if (line > text.size()) return 1;
        String s = text.get(line - 1);
        for (int i = 0; i < s.length(); i++) if (!Character.isWhitespace(s.charAt(i))) return i + 1;
        return 1;
    }

    private static String quoted(String message) {
        Matcher m = QUOTED.matcher(message);
        if (!m.find()) return null;
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    private CompileError find(String start) {
        List<CompileError> all = findAll(start);
        return all.isEmpty() ? null : all.get(0);
    }

    /** The first line of the file that contains the text outside a line comment, at the text; null if none does. */
    private CompileError findContaining(String file, String text) {
        List<String> all = lines(file);
        for (int i = 0; i < all.size(); i++) {
            String s = all.get(i);
            int at = s.indexOf(text);
            int comment = s.indexOf("//");
            if (at >= 0 && (comment < 0 || comment > at)) return new CompileError(file, i + 1, at + 1, "");
        }
        return null;
    }

    /** Every line of the pack's DRL files that starts with the text, as a position. */
    private List<CompileError> findAll(String start) {
        List<CompileError> out = new ArrayList<>();
        for (Path drl : drlFiles) {
            String file = PackLoader.rel(root, drl);
            List<String> text = lines(file);
            for (int i = 0; i < text.size(); i++) {
                String s = text.get(i);
                String trimmed = s.stripLeading();
                if (trimmed.startsWith(start)) out.add(new CompileError(file, i + 1, s.length() - trimmed.length() + 1, ""));
            }
        }
        return out;
    }

    private CompileError yaml(CompileError e) {
        String message = e.message();
        Matcher missing = MISSING_PROPERTY.matcher(message);
        if (missing.matches()) message = "'" + missing.group(1) + "' is required but missing";
        CompileError plain = plainYaml(e);
        if (plain != null) return plain;
        // SnakeYAML quotes the text around each mark; the marks' positions say it shorter.
        message = SNAKE_MARK.matcher(message).replaceAll(" (line $1, column $2)");
        if (e.line() > 0) return new CompileError(e.file(), e.line(), e.column(), message);
        int line = YamlLines.of(root.resolve(e.file())).line(manifestPath(message));
        return new CompileError(e.file(), line, line > 0 ? firstNonBlank(lines(e.file()), line) : 0, message);
    }

    /**
     * SnakeYAML's syntax errors an analyst meets, in plain words at the line of the problem (its last mark: the first
     * is where the entry around it began); the parser's text stays as the detail. Null for other errors.
     */
    private CompileError plainYaml(CompileError e) {
        String raw = e.message();
        String message;
        if (raw.contains("\\t(TAB)") || raw.contains("\t(TAB)")) {
            message = "a tab indents this line: YAML indents with spaces only";
        } else if (raw.contains("expected <block end>, but found") || raw.contains("mapping values are not allowed here")
                || raw.contains("could not find expected ':'")) {
            message = "this line is indented differently from the lines above it of the same entry:"
                    + " indent it like the entry it belongs to (with spaces, not tabs)";
        } else {
            return null;
        }
        int line = e.line(), column = e.column();
        Matcher mark = SNAKE_MARK.matcher(raw);
        while (mark.find()) {
            line = Integer.parseInt(mark.group(1));
            column = Integer.parseInt(mark.group(2));
        }
        return new CompileError(e.file(), line, line > 0 ? firstNonBlank(lines(e.file()), line) : column, message,
                SNAKE_MARK.matcher(raw).replaceAll(" (line $1, column $2)"));
    }

    /** The manifest entry an error names, as a key path; empty when it names none. */
    private static String[] manifestPath(String message) {
        if (message.startsWith("call '")) return new String[]{"call"};
        if (message.startsWith("version '")) return new String[]{"version"};
        if (message.startsWith("submissions.until")) return new String[]{"submissions", "until"};
        if (message.startsWith("include '")) return new String[]{"include"};
        Matcher m = MANIFEST_ENTRY.matcher(message);
        if (!m.matches()) return new String[0];
        String section = m.group(1) + "s";
        String rest = m.group(3);
        if (section.equals("parameters")) {
            if (rest.contains("cites document")) return new String[]{section, m.group(2), "source"};
            if (rest.contains("type '")) return new String[]{section, m.group(2), "type"};
            if (rest.contains("is not a") || rest.contains("but has a value")) return new String[]{section, m.group(2), "value"};
        }
        return new String[]{section, m.group(2)};
    }

    private List<String> lines(String file) {
        return lines.computeIfAbsent(file, f -> {
            try {
                return Files.readAllLines(root.resolve(f), StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                return List.of();
            }
        });
    }
}
