/**
 * Not API: the engine's and the application's internals, in the subpackages. Anything here may change or go in any
 * release; use {@link callcheck.engine} and {@link callcheck.model} instead.
 */
package callcheck.internal;
