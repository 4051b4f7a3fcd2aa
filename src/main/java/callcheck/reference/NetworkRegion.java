package callcheck.reference;

import callcheck.model.Region;

import java.util.List;

/**
 * One of the 18 regions of the AMIF 2021-2027 organisation networks, with its municipalities on a date.
 *
 * @param region         the region
 * @param name           its name, such as {@code Regio Gent}
 * @param municipalities the municipalities that belong to its network on the date, in NIS order
 */
public record NetworkRegion(Region region, String name, List<Municipality> municipalities) {
}
