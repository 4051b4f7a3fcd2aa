/**
 * Not API: the server's engine (packs that can be swapped while serving), the set of loaded packs and the load report. May change or go in any release; use {@link callcheck.engine} and {@link callcheck.model}
 * instead.
 */
package callcheck.evaluation;
