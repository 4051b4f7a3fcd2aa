/**
 * The reference data the rules look up, read from the rules folder's {@code reference/}: the municipalities of
 * Flanders and Brussels with the dates their NIS codes were valid, and the 18 regions of the AMIF 2021-2027
 * organisation networks. Imported by the DRL rules; every lookup takes a date, because codes change (the mergers
 * of 1 January 2025).
 */
package callcheck.reference;
