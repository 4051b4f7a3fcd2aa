package callcheck.pack;

import callcheck.language.Labels;
import callcheck.language.Language;
import callcheck.language.Wording;
import callcheck.rules.Parameter;
import callcheck.rules.Parameters;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A parameter written in a rule's text: {@code @title("The subsidy asked is at most {subsidyMax} euro")} is filled
 * from the pack's parameters when the pack loads, each value written as {@link Wording} writes it (€40,000 and
 * 16 October 2020 in English, € 40.000 and 16 oktober 2020 in Dutch, 25%), so that a number lives once, in the
 * manifest, and the title follows it. A placeholder that names no parameter stays as written.
 */
public final class ParameterText {
    public static final Locale DUTCH = Language.NL.locale();
    private static final Wording PLAIN = new Wording(Labels.NONE);

    private ParameterText() {
    }

    /** The text with each {@code {parameter}} replaced by the parameter's value, written for the language. */
    public static String fill(String text, Parameters parameters, Locale language) {
        if (text == null || text.indexOf('{') < 0) return text;
        return PLAIN.fill(text, values(parameters), language.getLanguage().equals("nl") ? Language.NL : Language.EN);
    }

    /** The parameters as values a message can show: a fraction as a percentage, an unknown value as null. */
    public static Map<String, Object> values(Parameters parameters) {
        Map<String, Object> out = new HashMap<>();
        for (Parameter p : parameters.all().values()) {
            out.put(p.name(), p.type() == Parameter.Type.FRACTION && p.value() != null
                    ? new Wording.Percent((java.math.BigDecimal) p.value()) : p.value());
        }
        return out;
    }
}
