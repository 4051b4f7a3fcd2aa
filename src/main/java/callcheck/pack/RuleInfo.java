package callcheck.pack;

import callcheck.engine.Finding;
import callcheck.engine.RuleDescription;
import callcheck.engine.Severity;
import callcheck.engine.Source;

import java.util.List;

/**
 * The metadata of one DRL rule, read back from the compiled KieBase. Several DRL rules may share an id (a check
 * and its "missing fact" variant); the one named like its id is the primary one.
 *
 * @param id         the rule id users see, such as 507-SUBSIDY-MAX
 * @param name       the DRL rule name
 * @param severity   what a finding of this rule does to the verdict
 * @param title      a short title in English, its {parameters} filled
 * @param titleNl    the title in Dutch ({@code @titleNl}, required), its {parameters} filled
 * @param nl         the message in Dutch, with {placeholders} filled from the finding's values
 * @param en         the message in English
 * @param source     the document and section it implements
 * @param assumption the assumptions it rests on, joined, or null
 * @param assumptionNl the same in Dutch, or null
 * @param needs      the proposal fields it needs (JSON paths; "[]" for every element of a list)
 * @param uses       the parameters and assumptions it uses
 * @param limit      for a call-level rule, the bound it sets on a selection ({@code @limit}, see {@link RoundLimit}), or null
 * @param file       the DRL file it is written in, relative to the rules folder (a module's file for a rule it includes)
 */
public record RuleInfo(String id, String name, Severity severity, String title, String titleNl, String nl, String en, Source source,
                       String assumption, String assumptionNl, List<String> needs, List<String> uses, String limit, String file) {

    /** The rule as the library's API describes it. */
    public RuleDescription description() {
        return new RuleDescription(id, severity, title, titleNl, new Finding.Messages(nl, en), source, assumption, assumptionNl, needs, uses);
    }

    /** The title in the language. */
    public String title(callcheck.language.Language language) {
        return language == callcheck.language.Language.EN ? title : titleNl;
    }

    public boolean isPrimary() {
        return id.equals(name);
    }
}
