package callcheck.pack;

import callcheck.engine.Severity;
import callcheck.rules.Parameter;
import callcheck.rules.Parameters;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bound a call-level rule sets on a selection of proposals, as its {@code @limit} states it, so that the proposed
 * selection can be searched for without reading the DRL; the number itself stays in the manifest, named here:
 * <ul>
 *   <li>{@code sum subsidy <= callBudget} (also {@code amif}, {@code vvsg}): the selected proposals' amounts added up;</li>
 *   <li>{@code count >= roundCountMin}, {@code count small >= roundSmallMin}: how many are selected (in a small
 *       municipality);</li>
 *   <li>{@code per region <= leadersPerRegionMax}: how many are selected in any one region.</li>
 * </ul>
 * Every BLOCKING call-level rule states its limit; the selection found is then checked with the DRL rules themselves.
 *
 * @param what      what is bounded
 * @param atMost    {@code <=} (else {@code >=})
 * @param parameter the manifest parameter that gives the number
 */
public record RoundLimit(What what, boolean atMost, String parameter) {
    /** What a limit bounds. */
    public enum What { SUBSIDY, AMIF, VVSG, COUNT, COUNT_SMALL, PER_REGION }

    private static final Pattern FORM = Pattern.compile(
            "\\s*(sum\\s+(subsidy|amif|vvsg)|count(\\s+small)?|per\\s+region)\\s*(<=|>=)\\s*([A-Za-z][\\w-]*)\\s*");

    /** Reads a limit; throws IllegalArgumentException saying the accepted forms. */
    public static RoundLimit parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("@limit(\"" + text + "\") is not one of 'sum subsidy|amif|vvsg <= P', 'count [small] <= P',"
                    + " 'count [small] >= P', 'per region <= P' (P a parameter of the manifest)");
        }
        What what;
        if (m.group(2) != null) what = What.valueOf(m.group(2).toUpperCase(Locale.ROOT));
        else if (m.group(1).startsWith("count")) what = m.group(3) != null ? What.COUNT_SMALL : What.COUNT;
        else what = What.PER_REGION;
        boolean atMost = m.group(4).equals("<=");
        if (what == What.PER_REGION && !atMost) throw new IllegalArgumentException("@limit(\"" + text + "\"): 'per region' takes only <=");
        return new RoundLimit(what, atMost, m.group(5));
    }

    /** The parameter type the limit reads: an amount for sums, a number for counts. */
    public Parameter.Type parameterType() {
        return switch (what) {
            case SUBSIDY, AMIF, VVSG -> Parameter.Type.AMOUNT;
            default -> Parameter.Type.NUMBER;
        };
    }

    /**
     * What is wrong with a rule's {@code @limit}, or null: only call-level rules have one, every BLOCKING call-level rule
     * has one, it parses, and its parameter is in {@code @uses} and of the type it bounds with.
     */
    static String check(RuleInfo rule, boolean roundRule, Parameters parameters) {
        if (rule.limit() == null) {
            return roundRule && rule.severity() == Severity.BLOCKING
                    ? "is a BLOCKING call-level rule without @limit: say the bound it sets, so that the proposed selection can meet it" : null;
        }
        if (!roundRule) return "has @limit, which only call-level rules (files round*.drl) have";
        RoundLimit limit;
        try {
            limit = parse(rule.limit());
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (!rule.uses().contains(limit.parameter())) return "@limit reads '" + limit.parameter() + "', which is not in its @uses";
        Parameter p = parameters.all().get(limit.parameter());
        if (p == null) return "@limit reads '" + limit.parameter() + "', which is not a parameter of the manifest";
        if (p.type() != limit.parameterType()) {
            return "@limit reads '" + limit.parameter() + "' as " + limit.parameterType().name().toLowerCase(Locale.ROOT) + ", but it is "
                    + p.type().name().toLowerCase(Locale.ROOT);
        }
        return null;
    }
}
