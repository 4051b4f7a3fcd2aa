package callcheck.engine;

import java.util.List;

/**
 * One rule of a pack version, as {@link Engine#rules} lists it: what it checks, what its findings say, and what it
 * rests on. Serialised with Jackson, the components come in this order, as in the service's rule list.
 *
 * @param id         the rule's id, such as {@code 507-SUBSIDY-MAX}; the id its findings carry
 * @param severity   what a finding of this rule does to the verdict
 * @param title      what it checks, in short, in English
 * @param titleNl    what it checks, in short, in Dutch ({@code @titleNl}): the title a Dutch page shows
 * @param message    its finding's message in Dutch and English, with {@code {placeholders}} for the values it reports
 * @param source     the passage of the call's documents it implements
 * @param assumption the assumptions it rests on where the sources say nothing, or null
 * @param assumptionNl the same in Dutch, or null
 * @param needs      the proposal fields it needs (JSON paths, {@code []} for every element of a list): a proposal
 *                   without them gets a MISSING finding instead
 * @param uses       the parameters and assumptions of the pack it uses
 */
public record RuleDescription(String id, Severity severity, String title, String titleNl, Finding.Messages message, Source source,
                              String assumption, String assumptionNl, List<String> needs, List<String> uses) {
    /**
     * Copies the lists.
     *
     * @param id         the rule's id
     * @param severity   what a finding of this rule does to the verdict
     * @param title      what it checks, in English
     * @param titleNl    what it checks, in Dutch
     * @param message    its finding's message in Dutch and English
     * @param source     the passage it implements
     * @param assumption its assumptions, or null
     * @param assumptionNl its assumptions in Dutch, or null
     * @param needs      the proposal fields it needs
     * @param uses       the parameters and assumptions it uses
     */
    public RuleDescription {
        needs = List.copyOf(needs);
        uses = List.copyOf(uses);
    }
}
