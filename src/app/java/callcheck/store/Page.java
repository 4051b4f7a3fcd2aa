package callcheck.store;

import java.util.List;

/** One page of a listing, newest first, and the id of its last decision when more follow (null otherwise). */
public record Page(List<Decision> decisions, String lastIdIfMore) {
    public Page {
        decisions = List.copyOf(decisions);
    }
}
