package callcheck.reference;

import java.time.LocalDate;

/**
 * One municipality code over the dates it was valid (a row of {@code rules/reference/municipalities.csv}): a code
 * merged away on 1 January 2025 ends the day before, the new municipality's code starts that day.
 *
 * @param nis         the five-digit NIS code
 * @param name        the municipality's name in that period
 * @param from        the first day the code was valid; null when valid before any proposal
 * @param until       the last day the code was valid; null when still valid
 * @param region      a referentieregio code ({@code REFREG01}..{@code REFREG15}) for Flanders, or {@code BRUSSELS};
 *                    the name of a {@link callcheck.model.Region} (Antwerp and Ghent's own network regions are
 *                    given by {@link ReferenceData#regionOf}, not here)
 * @param centrumstad whether it is a centrumstad of Flemish urban policy
 * @param mergedInto  the NIS code it merged into when it ceased to exist, or null
 */
public record Municipality(String nis, String name, LocalDate from, LocalDate until, String region,
                           boolean centrumstad, String mergedInto) {

    /**
     * Whether the code was valid on a date.
     *
     * @param date the date, not null
     * @return true when the date lies within [from, until], an absent bound being open
     */
    public boolean validOn(LocalDate date) {
        return (from == null || !date.isBefore(from)) && (until == null || !date.isAfter(until));
    }

    /**
     * Whether the municipality lies in Flanders.
     *
     * @return true for a referentieregio, false for Brussels
     */
    public boolean isFlemish() {
        return region.startsWith("REFREG");
    }
}
