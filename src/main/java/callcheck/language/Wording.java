package callcheck.language;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fills a message's {@code {name}} placeholders with values written as the language writes them, so that every
 * reader of a finding gets the same words:
 * <ul>
 * <li>an amount, written {@code {subsidy} euro} in the template: {@code € 29.999,99} / {@code €29,999.99} (whole euros
 * without decimals, an exact limit with all its decimals);</li>
 * <li>a number: {@code 40.000} / {@code 40,000}; a percentage, written {@code {percent}%}, likewise;</li>
 * <li>a date: {@code 16 oktober 2020} / {@code 16 October 2020}; true and false: {@code ja}/{@code nee},
 * {@code yes}/{@code no};</li>
 * <li>a code (an enum constant) by its label, a list in words ({@code nieuwkomers en breed publiek});</li>
 * <li>{@code {index}}, a position in a list counted from 0 in the finding's values, counted from 1;</li>
 * <li>{@code {missing}}, a field path or a list of them, by the fields' labels ({@code de totale kost}); the
 * finding's values keep the paths, for software;</li>
 * <li>an unknown value (null): {@code onbekend} / {@code unknown}.</li>
 * </ul>
 * A placeholder with no value stays as written: {@code validate} refuses it before a pack serves.
 */
public final class Wording {
    /** The value names a rule reports with a meaning of their own (see the class comment). */
    public static final String INDEX = "index";
    /** See {@link #INDEX}. */
    public static final String MISSING = "missing";
    private static final String EURO = " euro";

    private final Labels labels;

    /**
     * Wording with the labels of a rules folder.
     *
     * @param labels the labels of codes and facts
     */
    public Wording(Labels labels) {
        this.labels = labels;
    }

    /**
     * The labels it writes codes and facts with.
     *
     * @return the labels
     */
    public Labels labels() {
        return labels;
    }

    /**
     * A fraction shown as a percentage: a parameter of type fraction, 0.25 as {@code 25%}.
     *
     * @param fraction the share, such as 0.25
     */
    public record Percent(BigDecimal fraction) {
    }

    /**
     * The template with every {@code {name}} that has a value filled in, written in the language.
     *
     * @param template a message or title with {@code {name}} placeholders
     * @param values   the values by name; a name present with a null value shows as unknown
     * @param language the language to write the values in
     * @return the text filled in
     */
    public String fill(String template, Map<String, ?> values, Language language) {
        if (template == null || template.indexOf('{') < 0) return template;
        StringBuilder sb = new StringBuilder(template.length() + 32);
        int from = 0;
        int open = template.indexOf('{');
        while (open >= 0) {
            int end = nameEnd(template, open);
            if (end < 0) {
                open = template.indexOf('{', open + 1);
                continue;
            }
            String name = template.substring(open + 1, end);
            sb.append(template, from, open);
            from = end + 1;
            if (!values.containsKey(name)) {
                sb.append(template, open, end + 1);
            } else if (template.startsWith(EURO, from) && values.get(name) instanceof Number) {
                sb.append(amount(number(values.get(name)), language));
                from += EURO.length();
            } else {
                sb.append(value(name, values.get(name), language));
            }
            open = template.indexOf('{', from);
        }
        return sb.append(template, from, template.length()).toString();
    }

    /**
     * The placeholders of a template.
     *
     * @param template a message or title, or null
     * @return the names of its placeholders, in order, each once
     */
    public static Set<String> placeholders(String template) {
        Set<String> out = new LinkedHashSet<>();
        if (template == null) return out;
        for (int open = template.indexOf('{'); open >= 0; open = template.indexOf('{', open + 1)) {
            int end = nameEnd(template, open);
            if (end > 0) out.add(template.substring(open + 1, end));
        }
        return out;
    }

    /** Where the name opened at {@code open} closes, or -1 when it is no placeholder ({@code {}}, {@code {a b}}). */
    private static int nameEnd(String t, int open) {
        int end = open + 1;
        while (end < t.length() && isNameChar(t.charAt(end))) end++;
        return end == open + 1 || end == t.length() || t.charAt(end) != '}' ? -1 : end;
    }

    private static boolean isNameChar(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_';
    }

    /**
     * One value as the language writes it, by what it is and, for {@code index} and {@code missing}, its name.
     *
     * @param name     the value's name, or null
     * @param v        the value, or null
     * @param language the language
     * @return the value in words
     */
    public String value(String name, Object v, Language language) {
        if (v == null) return language == Language.NL ? "onbekend" : "unknown";
        if (INDEX.equals(name) && v instanceof Number n) return String.valueOf(n.longValue() + 1);
        if (MISSING.equals(name)) {
            if (v instanceof String path) return fact(path, language);
            if (v instanceof Collection<?> c) return list(c.stream().map(p -> fact(String.valueOf(p), language)).toList(), language);
        }
        if (v instanceof Boolean b) return language == Language.NL ? (b ? "ja" : "nee") : (b ? "yes" : "no");
        if (v instanceof LocalDate d) return date(d, language);
        if (v instanceof Enum<?> e) return labels.value(e, language);
        if (v instanceof Percent p) return number(p.fraction().movePointRight(2), language) + "%";
        if (v instanceof Number) return number(number(v), language);
        if (v instanceof Collection<?> c) {
            List<String> parts = new ArrayList<>(c.size());
            for (Object o : c) parts.add(value(null, o, language));
            return list(parts, language);
        }
        return String.valueOf(v);
    }

    /**
     * A field in words.
     *
     * @param path     the field's path
     * @param language the language
     * @return its label, else its path (which the language lint then reports)
     */
    public String fact(String path, Language language) {
        String label = labels.fact(path, language);
        return label == null ? path : label;
    }

    /**
     * An amount of money.
     *
     * @param a        in euro
     * @param language the language
     * @return {@code € 29.999,99} / {@code €29,999.99}; whole euros without decimals; an exact limit keeps every decimal
     */
    public static String amount(BigDecimal a, Language language) {
        BigDecimal s = a.stripTrailingZeros();
        String n = s.scale() <= 0 ? grouped(s.setScale(0), 0, language) : grouped(s, 2, language);
        return language == Language.NL ? "€ " + n : "€" + n;
    }

    /**
     * A number.
     *
     * @param value    the number
     * @param language the language
     * @return thousands grouped, decimals only when there are any: {@code 40.000} / {@code 40,000}; {@code 1.234,5}
     */
    public static String number(BigDecimal value, Language language) {
        return grouped(value.stripTrailingZeros(), 0, language);
    }

    /** At most this many decimals are written (rounded half-even beyond), as the formats of the locales did. */
    private static final int MAX_DECIMALS = 10;

    /**
     * The number with its thousands grouped and at least {@code minDecimals} decimals, in the language's separators
     * ({@code 1.234,5} / {@code 1,234.5}). Written by hand: a DecimalFormat per value cost a fifth of an evaluation.
     */
    private static String grouped(BigDecimal value, int minDecimals, Language language) {
        BigDecimal v = value.scale() > MAX_DECIMALS ? value.setScale(MAX_DECIMALS, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros() : value;
        if (v.scale() < minDecimals) v = v.setScale(minDecimals);
        String plain = v.abs().toPlainString();
        int dot = plain.indexOf('.');
        String whole = dot < 0 ? plain : plain.substring(0, dot);
        char group = language == Language.NL ? '.' : ',';
        StringBuilder sb = new StringBuilder(plain.length() + whole.length() / 3 + 1);
        if (v.signum() < 0) sb.append('-');
        for (int i = 0; i < whole.length(); i++) {
            if (i > 0 && (whole.length() - i) % 3 == 0) sb.append(group);
            sb.append(whole.charAt(i));
        }
        if (dot >= 0) sb.append(language == Language.NL ? ',' : '.').append(plain, dot + 1, plain.length());
        return sb.toString();
    }

    private static final DateTimeFormatter DATE_NL = DateTimeFormatter.ofPattern("d MMMM uuuu", Language.NL.locale());
    private static final DateTimeFormatter DATE_EN = DateTimeFormatter.ofPattern("d MMMM uuuu", Language.EN.locale());

    /**
     * A date.
     *
     * @param d        the date
     * @param language the language
     * @return {@code 16 oktober 2020} / {@code 16 October 2020}
     */
    public static String date(LocalDate d, Language language) {
        return (language == Language.NL ? DATE_NL : DATE_EN).format(d);
    }

    /**
     * Items in words.
     *
     * @param items    the items, each in words
     * @param language the language
     * @return {@code a}, {@code a en b}, {@code a, b en c} ({@code and}); {@code geen}/{@code none} when empty
     */
    public static String list(List<String> items, Language language) {
        String and = language == Language.NL ? " en " : " and ";
        if (items.isEmpty()) return language == Language.NL ? "geen" : "none";
        if (items.size() == 1) return items.get(0);
        return String.join(", ", items.subList(0, items.size() - 1)) + and + items.get(items.size() - 1);
    }

    private static BigDecimal number(Object v) {
        return v instanceof BigDecimal b ? b : new BigDecimal(v.toString());
    }
}
