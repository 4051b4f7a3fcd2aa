/**
 * The vocabulary of the rule packs, imported by the DRL rules: the {@link callcheck.rules.Evaluation} a rule reports
 * its findings and the financing plan to, the pack's typed {@link callcheck.rules.Parameters}, and exact
 * {@link callcheck.rules.Money} arithmetic. Each evaluation inserts the proposal, its financing and period, a fresh
 * Evaluation, the pack's Parameters and the {@link callcheck.reference.ReferenceData} as facts. An application that
 * only evaluates needs nothing here; a rule author needs all of it.
 */
package callcheck.rules;
