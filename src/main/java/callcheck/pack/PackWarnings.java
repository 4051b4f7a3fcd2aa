package callcheck.pack;

import callcheck.engine.CompileError;
import callcheck.rules.Parameter;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code validate} warns about in a pack that compiles: a number written twice, and a rule citing another
 * document than its numbers come from. A title or message that holds a literal number or date equal to a parameter
 * should name the parameter ({@code {subsidyMax}}), or the text stays at the old number when the parameter changes.
 * A rule whose {@code @document} is the source of none of the parameters it {@code @uses} may cite the wrong passage.
 * Warnings, not errors: the pack serves; the analyst decides.
 */
public final class PackWarnings {
    private static final Pattern METADATA = Pattern.compile("@(title|titleNl|nl|en)\\(\"((?:[^\"\\\\]|\\\\.)*)\"\\)");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.,{])(\\d{1,3}(?:[.,]\\d{3})+|\\d+)(?:[.,](\\d+))?(\\s?%)?(?![\\w}])");
    private static final Pattern ISO_DATE = Pattern.compile("\\b\\d{4}-\\d{2}-\\d{2}\\b");
    private static final Pattern WRITTEN_DATE = Pattern.compile("\\b(\\d{1,2}) (\\p{L}+) (\\d{4})\\b");

    private PackWarnings() {
    }

    /** The warnings of a pack; positions are relative to the rules folder, as in compile errors. */
    public static List<CompileError> of(Path rules, RulePack pack) {
        Path root = rules.toAbsolutePath().normalize();
        Set<CompileError> out = new LinkedHashSet<>();
        documents(root, pack, out);
        for (RuleInfo r : pack.rules()) {
            List<String> lines = lines(root.resolve(r.file()));
            int start = lineOf(lines, "rule \"" + r.name() + "\"");
            if (start < 0) continue;
            for (int i = start; i < lines.size() && !lines.get(i).trim().equals("when"); i++) {
                Matcher m = METADATA.matcher(lines.get(i));
                while (m.find()) {
                    for (Literal l : literals(m.group(2))) {
                        List<String> names = pack.parameters().all().values().stream().filter(l::equals).map(Parameter::name).sorted().toList();
                        if (names.isEmpty()) continue;
                        out.add(new CompileError(r.file(), i + 1, m.start(2) + l.at + 1, "rule \"" + r.name() + "\" @" + m.group(1)
                                + " writes " + l.text + ", the value of parameter " + String.join(" or ", names) + ": write {"
                                + String.join("} or {", names) + "} so that the text follows the parameter"));
                    }
                }
            }
            Set<String> sources = new TreeSet<>();
            for (String u : r.uses()) {
                Parameter p = pack.parameters().all().get(u);
                if (p != null && p.source() != null) sources.add(p.source().document());
            }
            if (!sources.isEmpty() && !sources.contains(r.source().document())) {
                int line = start + 1;
                for (int i = start; i < lines.size() && !lines.get(i).trim().equals("when"); i++) {
                    if (lines.get(i).contains("@document(")) line = i + 1;
                }
                String text = lines.get(line - 1);
                out.add(new CompileError(r.file(), line, Math.max(text.indexOf("@document("), 0) + 1, "rule \"" + r.name() + "\" cites \""
                        + r.source().document() + "\", but the parameters it @uses come from " + sources + ": is that the passage it checks?"));
            }
        }
        return List.copyOf(out);
    }

    private static final Pattern SEED = Pattern.compile("(?i)\\bseeds?\\b");

    /**
     * A document a reader of a verdict cannot find: no issuer, or named after a file of ours ("seed 000"). Warned in
     * the pack's own manifest, at the document.
     */
    private static void documents(Path root, RulePack pack, Set<CompileError> out) {
        String file = PackLoader.rel(root, pack.folder().resolve(PackLoader.MANIFEST));
        YamlLines yaml = YamlLines.of(root.resolve(file));
        for (Map.Entry<String, Manifest.Document> d : pack.manifest().documents().entrySet()) {
            int line = yaml.line("documents", d.getKey());
            if (line <= 0) continue; // a module's document, not written in this manifest
            Manifest.Document doc = d.getValue();
            if (doc.issuer() == null) {
                out.add(new CompileError(file, line, 3, "document " + d.getKey() + " has no issuer: a reader of a verdict needs its title, issuer,"
                        + " date and public address where one exists"));
            }
            if (SEED.matcher(doc.title()).find() || doc.reference() != null && SEED.matcher(doc.reference()).find()) {
                out.add(new CompileError(file, line, 3, "document " + d.getKey() + " is named after a seed file: cite it as its reader finds it"));
            }
        }
    }

    /** A number or date written in a text, at its offset. */
    private record Literal(String text, int at, BigDecimal number, boolean percent, LocalDate date) {
        boolean equals(Parameter p) {
            if (p.value() == null) return false;
            return switch (p.type()) {
                case DATE -> p.value().equals(date);
                case FRACTION -> percent && number != null && number.compareTo(((BigDecimal) p.value()).movePointRight(2)) == 0;
                case AMOUNT, NUMBER -> !percent && number != null && number.compareTo((BigDecimal) p.value()) == 0;
            };
        }
    }

    static List<Literal> literals(String text) {
        List<Literal> out = new ArrayList<>();
        Matcher d = ISO_DATE.matcher(text);
        while (d.find()) out.add(new Literal(d.group(), d.start(), null, false, LocalDate.parse(d.group())));
        Matcher w = WRITTEN_DATE.matcher(text);
        while (w.find()) {
            for (Locale language : List.of(Locale.ENGLISH, ParameterText.DUTCH)) {
                try {
                    out.add(new Literal(w.group(), w.start(), null, false, LocalDate.parse(w.group(), DateTimeFormatter.ofPattern("d MMMM uuuu", language))));
                    break;
                } catch (DateTimeParseException e) {
                    // not a date in this language
                }
            }
        }
        Matcher n = NUMBER.matcher(text);
        while (n.find()) {
            String whole = n.group(1).replaceAll("[.,]", "");
            BigDecimal value = new BigDecimal(n.group(2) == null ? whole : whole + "." + n.group(2));
            out.add(new Literal(n.group().trim(), n.start(), value, n.group(3) != null, null));
        }
        return out;
    }

    private static int lineOf(List<String> lines, String start) {
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).trim().startsWith(start)) return i;
        return -1;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of();
        }
    }
}
