package callcheck.reference;

import java.time.LocalDate;

/**
 * One municipality code over the dates it was valid. {@code region} is a referentieregio code
 * (REFREG01..REFREG15) for Flanders, or BRUSSELS.
 */
public record Municipality(String nis, String name, LocalDate from, LocalDate until, String region,
                           boolean centrumstad, String mergedInto) {

    public boolean validOn(LocalDate date) {
        return (from == null || !date.isBefore(from)) && (until == null || !date.isAfter(until));
    }

    public boolean isFlemish() {
        return region.startsWith("REFREG");
    }
}
