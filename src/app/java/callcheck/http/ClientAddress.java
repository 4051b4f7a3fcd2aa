package callcheck.http;

import io.javalin.http.Context;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * The address a request came from, as the token throttle counts it: the connection's; or, when the connection comes
 * from a proxy the operator trusts ({@code serve --trusted-proxy}), the last address in {@code X-Forwarded-For} that
 * is not itself a trusted proxy. Without trusted proxies the header is never read: any client could write it.
 */
final class ClientAddress {
    private volatile Set<String> trusted = Set.of();

    /** The proxies whose {@code X-Forwarded-For} is believed, as literal addresses (e.g. 10.0.0.5, ::1). */
    void trust(Collection<String> proxies) {
        trusted = Set.copyOf(proxies);
    }

    String of(Context ctx) {
        String peer = ctx.req().getRemoteAddr();
        if (!trusted.contains(peer)) return peer;
        // each proxy appends the address it saw: read from the right, past the trusted ones
        List<String> hops = Collections.list(ctx.req().getHeaders("X-Forwarded-For")).stream()
                .flatMap(h -> java.util.Arrays.stream(h.split(","))).map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (int i = hops.size() - 1; i >= 0; i--) {
            if (!trusted.contains(hops.get(i))) return hops.get(i);
        }
        return peer;
    }
}
