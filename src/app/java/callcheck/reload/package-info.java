/**
 * Not API: the live reload of the rules folder (watching it and swapping in the packs that compile), and the packs
 * published to the store, followed and switched at their activations' instants ({@link callcheck.reload.PublishedPacks}).
 * May change or go in any release; use {@link callcheck.engine} and {@link callcheck.model} instead.
 */
package callcheck.reload;
