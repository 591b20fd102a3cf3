package io.dx0.session.security;

import java.util.Optional;

/**
 * The one reading of a presented access token: the {@code Authorization} header's {@code Bearer <token>}
 * (any case), or, for a browser's WebSocket, which cannot set headers, the token offered beside the
 * {@value #SUBPROTOCOL} subprotocol ({@code Sec-WebSocket-Protocol: dx0.bearer, <token>}), which keeps it
 * out of the URL and so out of access logs.
 */
public final class BearerToken {

    /** The subprotocol the service answers with; the token is the other one offered. */
    public static final String SUBPROTOCOL = "dx0.bearer";
    private static final String PREFIX = "Bearer ";

    private BearerToken() {
    }

    public static Optional<String> from(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Optional.empty();
        }
        String token = authorizationHeader.substring(PREFIX.length()).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    /** The token offered beside {@value #SUBPROTOCOL} in a {@code Sec-WebSocket-Protocol} header. */
    public static Optional<String> fromSubprotocols(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String[] offered = header.split(",");
        if (offered.length != 2) {
            return Optional.empty();
        }
        String first = offered[0].strip();
        String second = offered[1].strip();
        if (first.equals(SUBPROTOCOL) && !second.isEmpty()) {
            return Optional.of(second);
        }
        return second.equals(SUBPROTOCOL) && !first.isEmpty() ? Optional.of(first) : Optional.empty();
    }
}
