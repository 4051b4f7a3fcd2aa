package callcheck.language;

import java.util.Locale;

/** The two languages the calls are published in, and so every finding is written in. */
public enum Language {
    NL(Locale.forLanguageTag("nl-BE")),
    EN(Locale.UK);

    private final Locale locale;

    Language(Locale locale) {
        this.locale = locale;
    }

    /** The locale values are written in: Belgian Dutch, British English. */
    public Locale locale() {
        return locale;
    }
}
