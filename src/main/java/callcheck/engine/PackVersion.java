package callcheck.engine;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

import java.time.LocalDate;

/**
 * One loaded version of a call's rules.
 *
 * @param call             the call id, as in {@code rules/<call>/}
 * @param version          the version, as in {@code rules/<call>/<version>/}
 * @param title            the call's title
 * @param submissionsFrom  the first submission date this version governs
 * @param submissionsUntil the last submission date it governs, or null when open
 * @param digest           {@code sha256:<hex>} over the pack's files, the modules it includes and the reference
 *                         data: the same digest every verdict of this version carries
 */
public record PackVersion(String call, String version, String title, @JsonSerialize(using = ToStringSerializer.class) LocalDate submissionsFrom,
                          @JsonSerialize(using = ToStringSerializer.class) LocalDate submissionsUntil, String digest) {
}
