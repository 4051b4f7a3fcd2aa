package callcheck.engine;

import callcheck.engine.Severity;
import callcheck.engine.Source;

import callcheck.json.TimeAsText;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import java.util.Map;

/**
 * One thing a rule found about a proposal, with what decided it.
 *
 * @param rule       the rule's id, such as {@code 507-SUBSIDY-MAX}; stable across versions of a call
 * @param severity   what the finding does to the verdict
 * @param message    the finding in Dutch and in English, with the deciding values filled in as each language writes
 *                   them ({@link callcheck.language.Wording}: amounts, dates, codes by their labels, positions from 1)
 * @param source     the passage of the call's documents the rule rests on
 * @param assumption the assumptions the rule rests on where the sources say nothing (a parameter marked unknown,
 *                   a reading of the call), in English; null when it rests on the sources alone
 * @param values     the values that decided, by name, in the order the rule reported them: amounts as
 *                   {@link java.math.BigDecimal} euro without trailing zeros, dates, codes, booleans; a value may
 *                   be null. A {@link Severity#MISSING} finding the engine makes, for a rule whose needed facts
 *                   ({@code @needs}) the proposal leaves out, has one entry, {@code missing}: the list of the absent
 *                   fields (JSON paths such as {@code financing.amif}), which its message names by their labels.
 *                   A rule that reports a MISSING finding itself gives the values it reports, as any rule does:
 *                   {@code 507-APPLICANT} gives {@code name}, {@code kind} and {@code missing}, one JSON path as
 *                   text ({@code "applicant.nis"}).
 */
public record Finding(String rule, Severity severity, Messages message, Source source, String assumption,
                      @JsonSerialize(contentUsing = TimeAsText.class) Map<String, Object> values) {

    /**
     * A finding's message in both languages the calls are published in; each wholly in its language.
     *
     * @param nl the message in Dutch
     * @param en the message in English
     */
    public record Messages(String nl, String en) {
    }
}
