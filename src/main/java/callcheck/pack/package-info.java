/**
 * Not API: loading a rule pack: its manifest, compiling its DRL, and the diagnostics of what does not compile. May change or go in any release; use {@link callcheck.engine} and {@link callcheck.model}
 * instead.
 */
package callcheck.pack;
