package callcheck.rules;

import callcheck.engine.Source;

/**
 * One named parameter of a pack ({@code pack.yaml}) with its typed value and where it comes from: a citation, an
 * assumption, or both. A number lives once, here; rules and messages refer to it by name.
 *
 * @param name        the name rules read it by, such as {@code subsidyMax}
 * @param type        what kind of value it is
 * @param value       a {@link java.math.BigDecimal} for {@link Type#AMOUNT}, {@link Type#FRACTION} and
 *                    {@link Type#NUMBER}, a {@link java.time.LocalDate} for {@link Type#DATE}; null when the
 *                    sources do not give it (marked unknown)
 * @param description what the parameter is, in words; may be null
 * @param source      the passage that gives the value; null when it rests on an assumption only
 * @param assumption  what is assumed, in English, where the sources say nothing or not enough; null when the
 *                    source alone gives it
 * @param descriptionNl  the description in Dutch; null when there is no description
 * @param assumptionNl   the assumption in Dutch; null when there is no assumption
 */
public record Parameter(String name, Type type, Object value, String description, Source source, String assumption,
                        String descriptionNl, String assumptionNl) {
    /**
     * A parameter whose texts are in English only, as a test or an embedding builds one.
     *
     * @param name        the name rules read it by
     * @param type        what kind of value it is
     * @param value       its value, or null when unknown
     * @param description what it is, or null
     * @param source      where it comes from, or null
     * @param assumption  what is assumed, or null
     */
    public Parameter(String name, Type type, Object value, String description, Source source, String assumption) {
        this(name, type, value, description, source, assumption, null, null);
    }

    /** The kinds of parameter value. */
    public enum Type {
        /** An amount in euro, exact. */
        AMOUNT,
        /** A share as a fraction: 0.25 for 25%. */
        FRACTION,
        /** A plain number, such as hours or a count. */
        NUMBER,
        /** A date. */
        DATE
    }

    /**
     * Whether the sources leave the value unknown.
     *
     * @return true when {@link #value()} is null
     */
    public boolean isUnknown() {
        return value == null;
    }
}
