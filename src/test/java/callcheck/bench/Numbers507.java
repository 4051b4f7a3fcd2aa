package callcheck.bench;

import callcheck.rules.Parameters;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Call 507's numbers as its pack's parameters give them, for the baselines written without callcheck's engine. */
record Numbers507(BigDecimal subsidyMax, BigDecimal amifShare, BigDecimal vvsgShare, BigDecimal ownShare, BigDecimal hours,
                  LocalDate deadline, LocalDate periodStart, LocalDate periodEnd) {

    static Numbers507 of(Parameters p) {
        return new Numbers507(p.amount("subsidyMax"), p.fraction("amifShareMax"), p.fraction("vvsgShareMax"),
                p.fraction("ownShareMin"), p.number("hoursPerParticipant"), p.date("deadline"), p.date("periodStart"),
                p.date("periodEnd"));
    }
}
