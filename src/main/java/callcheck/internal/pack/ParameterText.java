package callcheck.internal.pack;

import callcheck.rules.Parameter;
import callcheck.rules.Parameters;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parameter written in a rule's text: {@code @title("The subsidy asked is at most {subsidyMax} euro")} is filled
 * from the pack's parameters when the pack loads, each value written as that language writes it (40,000 and
 * 16 October 2020 in English, 40.000 and 16 oktober 2020 in Dutch, 25%), so that a number lives once, in the
 * manifest, and the title follows it. A placeholder that names no parameter stays as written.
 */
public final class ParameterText {
    public static final Locale DUTCH = Locale.forLanguageTag("nl-BE");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_]+)}");

    private ParameterText() {
    }

    /** The text with each {@code {parameter}} replaced by the parameter's value, written for the language. */
    public static String fill(String text, Parameters parameters, Locale language) {
        if (text == null || text.indexOf('{') < 0) return text;
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Parameter p = parameters.all().get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(p == null ? m.group() : format(p, language)));
        }
        return m.appendTail(out).toString();
    }

    /** A parameter's value as the language writes it; "unknown" (or "onbekend") when the sources do not give it. */
    public static String format(Parameter p, Locale language) {
        if (p.value() == null) return language.getLanguage().equals("nl") ? "onbekend" : "unknown";
        return switch (p.type()) {
            case DATE -> DateTimeFormatter.ofPattern("d MMMM uuuu", language).format((LocalDate) p.value());
            case FRACTION -> number(((BigDecimal) p.value()).movePointRight(2), language) + "%";
            case AMOUNT, NUMBER -> number((BigDecimal) p.value(), language);
        };
    }

    /** Thousands grouped, decimals only when there are any: 40,000 / 40.000; 1,234.5 / 1.234,5. */
    static String number(BigDecimal value, Locale language) {
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(language.getLanguage().equals("nl") ? DUTCH : Locale.UK);
        DecimalFormat f = new DecimalFormat("#,##0.##########", symbols);
        f.setParseBigDecimal(true);
        return f.format(value.stripTrailingZeros());
    }
}
