/**
 * Values written in words, per language, so that the API, the CLI, the library and the pages all show the same:
 * {@link callcheck.language.Labels} (the analysts' labels of codes and facts, {@code rules/reference/labels.yaml}),
 * {@link callcheck.language.Wording} (a message's placeholders filled: amounts, dates, lists, positions, labels) and
 * {@link callcheck.language.LanguageLint} (what must never show in a finding).
 */
package callcheck.language;
