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

    /**
     * A pack's parameters; made by the pack loader.
     *
     * @param byName the parameters by name; copied
     */
    public Parameters(Map<String, Parameter> byName) {
        this.byName = Map.copyOf(byName);
    }

    /**
     * Every parameter of the pack.
     *
     * @return the parameters by name, unmodifiable
     */
    public Map<String, Parameter> all() {
        return byName;
    }

    /**
     * A parameter with its source and assumption.
     *
     * @param name the parameter's name
     * @return the parameter
     * @throws IllegalArgumentException when the pack has no parameter of that name
     */
    public Parameter get(String name) {
        Parameter p = byName.get(name);
        if (p == null) throw new IllegalArgumentException("no parameter named '" + name + "'");
        return p;
    }

    /**
     * An amount in euro.
     *
     * @param name the parameter's name
     * @return its value, exact; null when the sources do not give it
     * @throws IllegalArgumentException when there is no such parameter or it is not of type AMOUNT
     */
    public BigDecimal amount(String name) { return (BigDecimal) typed(name, Parameter.Type.AMOUNT); }

    /**
     * A share as a fraction: 0.25 for 25%.
     *
     * @param name the parameter's name
     * @return its value, exact; null when the sources do not give it
     * @throws IllegalArgumentException when there is no such parameter or it is not of type FRACTION
     */
    public BigDecimal fraction(String name) { return (BigDecimal) typed(name, Parameter.Type.FRACTION); }

    /**
     * A plain number (hours, counts).
     *
     * @param name the parameter's name
     * @return its value, exact; null when the sources do not give it
     * @throws IllegalArgumentException when there is no such parameter or it is not of type NUMBER
     */
    public BigDecimal number(String name) { return (BigDecimal) typed(name, Parameter.Type.NUMBER); }

    /**
     * A date.
     *
     * @param name the parameter's name
     * @return its value; null when the sources do not give it
     * @throws IllegalArgumentException when there is no such parameter or it is not of type DATE
     */
    public LocalDate date(String name) { return (LocalDate) typed(name, Parameter.Type.DATE); }

    /**
     * Whether the sources leave a parameter's value unknown, for a rule's "unknown" variant.
     *
     * @param name the parameter's name
     * @return true when its value is null
     * @throws IllegalArgumentException when the pack has no parameter of that name
     */
    public boolean unknown(String name) { return get(name).value() == null; }

    private Object typed(String name, Parameter.Type type) {
        Parameter p = get(name);
        if (p.type() != type) {
            throw new IllegalArgumentException("parameter '" + name + "' is a " + p.type() + ", not a " + type);
        }
        return p.value();
    }
}
