package io.dx0.session.chat.socket;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.vertx.core.net.HostAndPort;

/**
 * Which pages may open {@code /api/v1/ws}: the defence against cross-site WebSocket hijacking, judged
 * from the {@code Origin} a browser always sends. No Origin at all is a client that is not a browser
 * (Dx0's Python side, a script): it still needs its token. An Origin is allowed when it is the
 * service's configured own origin or on the allow-list; only where {@code session.ws.same-origin-by-host}
 * is set (dev and test, never production: a proxy may pass any {@code Host}) is an Origin naming the
 * request's own host and port also taken as the service's own.
 */
final class OriginPolicy {

    private final List<String> allowed;
    private final boolean byHost;

    OriginPolicy(Optional<String> ownOrigin, Optional<List<String>> allowedOrigins, boolean byHost) {
        this.allowed = new ArrayList<>();
        ownOrigin.map(OriginPolicy::normalised).ifPresent(allowed::add);
        allowedOrigins.ifPresent(list -> list.stream().map(OriginPolicy::normalised).forEach(allowed::add));
        this.byHost = byHost;
    }

    /** True when no browser page at all may open a socket: nothing configured and Host not trusted. */
    boolean refusesEveryBrowser() {
        return allowed.isEmpty() && !byHost;
    }

    boolean allows(String origin, HostAndPort authority) {
        if (origin == null) {
            return true;
        }
        if (allowed.contains(normalised(origin))) {
            return true;
        }
        return byHost && authority != null && sameOrigin(origin, authority);
    }

    /** An http(s) Origin naming the same host and port (default ports written out) as {@code authority}. */
    static boolean sameOrigin(String origin, HostAndPort authority) {
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException e) {
            return false;
        }
        int defaultPort = "https".equals(uri.getScheme()) ? 443 : "http".equals(uri.getScheme()) ? 80 : -1;
        if (defaultPort < 0 || uri.getHost() == null) {
            return false;
        }
        int originPort = uri.getPort() < 0 ? defaultPort : uri.getPort();
        int requestPort = authority.port() < 0 ? defaultPort : authority.port();
        return unbracketed(uri.getHost()).equalsIgnoreCase(unbracketed(authority.host())) && originPort == requestPort;
    }

    /** Origins compare case-insensitively and without a trailing slash, as browsers serialise them. */
    private static String normalised(String origin) {
        String lower = origin.strip().toLowerCase(Locale.ROOT);
        return lower.endsWith("/") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
