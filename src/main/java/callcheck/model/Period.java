package callcheck.model;

import java.time.LocalDate;

/** The project's start and end dates, both inclusive. */
public final class Period {
    private LocalDate start;
    private LocalDate end;

    public Period() {
    }

    public Period(LocalDate start, LocalDate end) {
        this.start = start;
        this.end = end;
    }

    public LocalDate getStart() { return start; }
    public LocalDate getEnd() { return end; }

    /** True when both dates are known and the whole period lies within [from, until]. */
    public boolean within(LocalDate from, LocalDate until) {
        return start != null && end != null && !start.isBefore(from) && !end.isAfter(until);
    }
}
