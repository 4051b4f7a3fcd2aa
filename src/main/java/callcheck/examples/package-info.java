/**
 * Not API: the analysts' example proposals: running them against a pack, their coverage, version diffs and warm-up. May change or go in any release; use {@link callcheck.engine} and {@link callcheck.model}
 * instead.
 */
package callcheck.examples;
