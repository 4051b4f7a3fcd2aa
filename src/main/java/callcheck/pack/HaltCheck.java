package callcheck.pack;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a pack's rules can only run code that a halt stops: then an evaluation may run on its caller's thread, and
 * its time budget is kept by halting the session (no further rule fires) and interrupting the thread (a rule that
 * waits wakes up). Code that could run on without ever returning to Drools and without looking at its interrupt (a
 * loop other than over a collection, a function that may recurse, a regular expression, a lambda, a lock, a class outside the model and the rules'
 * helpers) cannot be stopped in Java: a pack with any of it is evaluated on a worker thread, which the caller can be
 * given up on. The check reads the text, without strings and comments; it errs on the side of the worker.
 */
final class HaltCheck {
    /** Packages whose classes a rule may use on the caller's thread: ours, and value classes of the JDK. */
    private static final List<String> KNOWN = List.of("callcheck.model.", "callcheck.rules.", "callcheck.reference.",
            "java.math.", "java.time.", "java.util.");
    /** Within {@link #KNOWN}, what runs code of its own or waits: streams (lambdas), regular expressions, locks. */
    private static final List<String> NOT_KNOWN = List.of("java.util.stream.", "java.util.regex.", "java.util.concurrent.",
            "java.util.function.", "java.util.Scanner", "java.util.Timer", "java.time.Clock");
    /** Words of DRL and Java after which code may run on without returning, or runs code chosen at run time. */
    private static final Set<String> WORDS = Set.of("while", "for", "do", "function", "synchronized", "matches", "soundslike",
            "replaceAll", "replaceFirst", "split", "Pattern", "Thread", "Runtime", "System", "Class", "ClassLoader",
            "ProcessBuilder", "forName", "invoke", "onSpinWait", "iterate", "generate", "forEach", "stream");
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(?:static\\s+|function\\s+|accumulate\\s+)?([\\w.*]+)",
            Pattern.MULTILINE);
    private static final Pattern WORD = Pattern.compile("[A-Za-z_$][\\w$]*");
    /** A name qualified by a package: lower-case parts, then a class's capital. */
    private static final Pattern QUALIFIED = Pattern.compile("\\b((?:[a-z_][\\w]*\\.)+)[A-Z]\\w*");

    private HaltCheck() {
    }

    /**
     * The first thing in the pack's DRL files that a halt might not stop, as "file:line: what", or null when there is
     * none. {@code files} maps paths to contents; only {@code .drl} files are read.
     */
    static String firstUnstoppable(Map<String, byte[]> files) {
        for (Map.Entry<String, byte[]> f : new TreeMap<>(files).entrySet()) {
            // Call-level rules (round*.drl) compile apart; evaluating one proposal never runs them.
            if (!f.getKey().endsWith(".drl") || PackLoader.isRoundFile(java.nio.file.Path.of(f.getKey()))) continue;
            String why = firstUnstoppable(f.getKey(), new String(f.getValue(), StandardCharsets.UTF_8));
            if (why != null) return why;
        }
        return null;
    }

    static String firstUnstoppable(String file, String drl) {
        String code = codeOnly(drl);
        Matcher imp = IMPORT.matcher(code);
        while (imp.find()) {
            String name = imp.group(1);
            if (!known(name + (name.endsWith("*") ? "" : "."))) return at(file, code, imp.start(1), "imports " + name);
        }
        String body = IMPORT.matcher(code).replaceAll(m -> " ".repeat(m.group().length()));
        if (body.contains("->") || body.contains("::")) {
            int at = body.contains("->") ? body.indexOf("->") : body.indexOf("::");
            return at(file, code, at, "a lambda or method reference");
        }
        Matcher q = QUALIFIED.matcher(body);
        while (q.find()) {
            String pkg = q.group(1);
            // a bound variable's field (p.Total) is not a package: only names that start as a known root are packages
            if ((pkg.startsWith("java.") || pkg.startsWith("javax.") || pkg.startsWith("jdk.") || pkg.startsWith("sun.")
                    || pkg.startsWith("org.") || pkg.startsWith("com.") || pkg.startsWith("net.") || pkg.startsWith("io.")
                    || pkg.startsWith("callcheck.")) && !known(q.group())) {
                return at(file, code, q.start(), "uses " + q.group());
            }
        }
        Matcher w = WORD.matcher(body);
        while (w.find()) {
            if (w.group().equals("for") && overACollection(body, w.end())) continue;
            if (WORDS.contains(w.group())) return at(file, code, w.start(), "\"" + w.group() + "\"");
        }
        return null;
    }

    /**
     * Whether the {@code for} that ends at {@code from} walks a collection or an array ({@code for (T x : list)}): it
     * ends with them, and those of a proposal are as long as the proposal (see the evaluator's item bound).
     */
    private static boolean overACollection(String body, int from) {
        int open = body.indexOf('(', from);
        if (open < 0 || !body.substring(from, open).isBlank()) return false;
        int depth = 0;
        boolean colon = false;
        for (int i = open; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '(' || c == '[' || c == '{') depth++;
            else if (c == ')' || c == ']' || c == '}') {
                if (--depth == 0) return colon;
            } else if (depth == 1 && c == ';') return false;
            else if (depth == 1 && c == ':') colon = true;
        }
        return false;
    }

    private static boolean known(String qualified) {
        return KNOWN.stream().anyMatch(qualified::startsWith) && NOT_KNOWN.stream().noneMatch(qualified::startsWith);
    }

    private static String at(String file, String code, int offset, String what) {
        int line = 1;
        for (int i = 0; i < offset; i++) if (code.charAt(i) == '\n') line++;
        return file + ":" + line + ": " + what;
    }

    /** The text with strings, characters and comments blanked out, line breaks kept (so offsets give lines). */
    static String codeOnly(String drl) {
        StringBuilder out = new StringBuilder(drl.length());
        int n = drl.length();
        for (int i = 0; i < n; i++) {
            char c = drl.charAt(i);
            char next = i + 1 < n ? drl.charAt(i + 1) : 0;
            if (c == '/' && next == '/') {
                while (i < n && drl.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
                if (i < n) out.append('\n');
            } else if (c == '/' && next == '*') {
                int end = drl.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                for (; i < end; i++) out.append(drl.charAt(i) == '\n' ? '\n' : ' ');
                i--;
            } else if (c == '"' || c == '\'') {
                out.append(' ');
                i++;
                while (i < n && drl.charAt(i) != c && drl.charAt(i) != '\n') {
                    if (drl.charAt(i) == '\\') {
                        out.append(' ');
                        i++;
                    }
                    out.append(' ');
                    i++;
                }
                out.append(i < n && drl.charAt(i) == '\n' ? '\n' : ' ');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
