/**
 * Not API: the live reload of the rules folder: watching it and swapping in the packs that compile. May change or go in any release; use {@link callcheck.engine} and {@link callcheck.model}
 * instead.
 */
package callcheck.reload;
