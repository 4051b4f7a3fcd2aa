/**
 * Not API: the JSON mappers and the field paths of the proposal. May change or go in any release; use {@link callcheck.engine} and {@link callcheck.model}
 * instead.
 */
package callcheck.json;
