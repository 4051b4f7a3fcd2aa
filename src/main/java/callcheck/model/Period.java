package callcheck.model;

import java.time.LocalDate;

/**
 * The project's start and end dates, both inclusive. A date is null when the proposal leaves it out; the checks
 * refuse an end before the start ({@code invalid_value} on {@code period.end}).
 */
public final class Period {
    private LocalDate start;
    private LocalDate end;

    /** A period with both dates absent; JSON reading fills it in. */
    public Period() {
    }

    /**
     * A period as the proposal states it.
     *
     * @param start the first day of the project, or null
     * @param end   the last day of the project, or null
     */
    public Period(LocalDate start, LocalDate end) {
        this.start = start;
        this.end = end;
    }

    /** @return the first day of the project, or null when absent */
    public LocalDate getStart() { return start; }
    /** @return the last day of the project, or null when absent */
    public LocalDate getEnd() { return end; }

    /**
     * Whether the project runs within the given dates.
     *
     * @param from  the first day allowed
     * @param until the last day allowed
     * @return true when both dates are known and the whole period lies within [from, until]
     */
    public boolean within(LocalDate from, LocalDate until) {
        return start != null && end != null && !start.isBefore(from) && !end.isAfter(until);
    }
}
