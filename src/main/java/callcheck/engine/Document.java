package callcheck.engine;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

import java.time.LocalDate;

/**
 * A document a pack version's rules and parameters cite ({@link Source#document()} names it by its id), as
 * {@link Engine#documents} lists them; only the title is always there.
 *
 * @param title     its title
 * @param issuer    who issued it, or null
 * @param date      its date, or null
 * @param address   where the public finds it (a web address), or null
 * @param reference how the project knows it where no public address exists, or null
 */
public record Document(String title, String issuer, @JsonSerialize(using = ToStringSerializer.class) LocalDate date,
                       String address, String reference) {
    /**
     * How a finding or parameter cites it ({@link Source#document()}): the title, then who issued it, when, and where
     * it is found, as far as known.
     *
     * @return the citation
     */
    public String citation() {
        java.util.List<String> by = new java.util.ArrayList<>();
        if (issuer != null) by.add(issuer);
        if (date != null) by.add(date.toString());
        if (address != null) by.add(address);
        return by.isEmpty() ? title : title + " (" + String.join(", ", by) + ")";
    }
}
