package callcheck.rules;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/**
 * A pack's parameters, typed, as the rules read them: {@code Parameters($max : amount("subsidyMax"))}.
 * Shared read-only by every evaluation of the pack. An unknown parameter reads as null, so that a rule
 * comparing with it does not fire and its "unknown" variant can say so.
 */
public final class Parameters {
    private final Map<String, Parameter> byName;

    public Parameters(Map<String, Parameter> byName) {
        this.byName = Map.copyOf(byName);
    }

    public Map<String, Parameter> all() {
        return byName;
    }

    public Parameter get(String name) {
        Parameter p = byName.get(name);
        if (p == null) throw new IllegalArgumentException("no parameter named '" + name + "'");
        return p;
    }

    /** An amount in euro. */
    public BigDecimal amount(String name) { return (BigDecimal) typed(name, Parameter.Type.AMOUNT); }

    /** A share as a fraction: 0.25 for 25%. */
    public BigDecimal fraction(String name) { return (BigDecimal) typed(name, Parameter.Type.FRACTION); }

    /** A plain number (hours, counts). */
    public BigDecimal number(String name) { return (BigDecimal) typed(name, Parameter.Type.NUMBER); }

    public LocalDate date(String name) { return (LocalDate) typed(name, Parameter.Type.DATE); }

    /** True when the sources do not give the parameter's value. */
    public boolean unknown(String name) { return get(name).value() == null; }

    private Object typed(String name, Parameter.Type type) {
        Parameter p = get(name);
        if (p.type() != type) {
            throw new IllegalArgumentException("parameter '" + name + "' is a " + p.type() + ", not a " + type);
        }
        return p.value();
    }
}
