package callcheck.store;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a token may do (../shared/API.md "Production semantics"): a portal's token that only evaluates cannot read or
 * export the decisions of others. Stored and written as the lowercase name, e.g. {@code read,export}.
 */
public enum TokenScope {
    /** Evaluations and rounds, where the service requires a token for them (serve --require-token). */
    EVALUATE,
    /** One decision, the listing, replays, recorded rounds, impact. */
    READ,
    /** The export of every decision (GET /v1/decisions/export). */
    EXPORT;

    public static final Set<TokenScope> ALL = Collections.unmodifiableSet(EnumSet.allOf(TokenScope.class));

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The scopes of a list as {@code read,export}; an unknown or missing scope is an IllegalArgumentException. */
    public static Set<TokenScope> parse(String list) {
        EnumSet<TokenScope> scopes = EnumSet.noneOf(TokenScope.class);
        for (String part : list.split(",", -1)) {
            String id = part.trim();
            scopes.add(Arrays.stream(values()).filter(s -> s.id().equals(id)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                    "unknown scope '" + id + "': the scopes are " + ids(ALL) + " (several as read,export)")));
        }
        return Collections.unmodifiableSet(scopes);
    }

    /** The scopes as {@code evaluate,read}, in their order here. */
    public static String ids(Set<TokenScope> scopes) {
        return scopes.stream().sorted().map(TokenScope::id).collect(Collectors.joining(","));
    }
}
