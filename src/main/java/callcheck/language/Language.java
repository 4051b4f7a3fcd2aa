package callcheck.language;

import java.util.Locale;

/** The two languages the calls are published in, and so every finding is written in. */
public enum Language {
    /** Dutch, as written in Flanders. */
    NL(Locale.forLanguageTag("nl-BE")),
    /** English. */
    EN(Locale.UK);

    private final Locale locale;

    Language(Locale locale) {
        this.locale = locale;
    }

    /**
     * The locale values are written in.
     *
     * @return Belgian Dutch or British English
     */
    public Locale locale() {
        return locale;
    }
}
