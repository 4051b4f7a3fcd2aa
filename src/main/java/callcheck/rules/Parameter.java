package callcheck.rules;

import callcheck.engine.Source;

/**
 * One named parameter with its typed value (BigDecimal or LocalDate, null when unknown) and where it comes from:
 * a citation, an assumption, or both.
 */
public record Parameter(String name, Type type, Object value, String description, Source source, String assumption) {
    public enum Type { AMOUNT, FRACTION, NUMBER, DATE }

    public boolean isUnknown() {
        return value == null;
    }
}
