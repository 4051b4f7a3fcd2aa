package callcheck.language;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What must never show in a finding's text: a code (an enum constant, unless its own label writes it, as
 * {@code VGC}), {@code true}/{@code false}, brackets, a field path ({@code partners[0].name}, {@code financing.totalCost}),
 * a placeholder left unfilled, a date written as 2020-10-16, and in Dutch text an English word that Dutch never uses.
 */
public final class LanguageLint {
    /** English words that never occur in Dutch text. */
    static final List<String> ENGLISH = List.of("the", "and", "with", "which", "not", "missing", "must", "should", "from",
            "above", "below", "than", "this", "unknown", "between", "none");
    private static final Pattern CODE = Pattern.compile("\\b[A-Z][A-Z0-9_]+\\b");
    private static final Pattern BOOLEAN = Pattern.compile("\\b(true|false)\\b");
    private static final Pattern PATH = Pattern.compile("\\b[a-z][A-Za-z0-9]*(\\[\\d*])?(\\.[a-z][A-Za-z0-9]*(\\[\\d*])?)+\\b");
    private static final Pattern CAMEL = Pattern.compile("\\b[a-z]+[A-Z][A-Za-z]*\\b");
    private static final Pattern ISO_DATE = Pattern.compile("\\b\\d{4}-\\d{2}-\\d{2}\\b");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[A-Za-z0-9_]+}");
    private static final Pattern WORD = Pattern.compile("\\b(" + String.join("|", ENGLISH) + ")\\b", Pattern.CASE_INSENSITIVE);

    private final Labels labels;
    private final Map<String, Enum<?>> codes = Labels.codes();

    /**
     * A lint for texts written with these labels.
     *
     * @param labels the labels, which may write a code themselves (VGC)
     */
    public LanguageLint(Labels labels) {
        this.labels = labels;
    }

    /**
     * What is wrong with a text.
     *
     * @param text     a finding's message or a rule's title
     * @param language the language it is written in
     * @return each problem, such as {@code code NON_PROFIT}; empty when there is none
     */
    public List<String> problems(String text, Language language) {
        List<String> out = new ArrayList<>();
        if (text == null) return out;
        Matcher m = CODE.matcher(text);
        while (m.find()) {
            Enum<?> code = codes.get(m.group());
            if (code != null && (!labels.present() || !labels.value(code, language).contains(m.group()))) {
                out.add("code " + m.group());
            }
        }
        find(BOOLEAN, text, "true/false ", out);
        if (text.indexOf('[') >= 0 || text.indexOf(']') >= 0) out.add("brackets");
        find(PATH, text, "field path ", out);
        find(CAMEL, text, "field name ", out);
        find(PLACEHOLDER, text, "placeholder ", out);
        find(ISO_DATE, text, "ISO date ", out);
        if (language == Language.NL) find(WORD, text.toLowerCase(Locale.ROOT), "English word ", out);
        return out;
    }

    private static void find(Pattern p, String text, String what, List<String> out) {
        Matcher m = p.matcher(text);
        while (m.find()) out.add(what + "'" + m.group() + "'");
    }
}
