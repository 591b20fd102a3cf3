package io.dx0.session.session;

import jakarta.enterprise.context.ApplicationScoped;

import io.dx0.session.auth.AccessToken;
import io.dx0.session.auth.AccessTokens;
import io.dx0.session.auth.InvalidTokenException;
import io.dx0.session.store.Session;
import io.dx0.session.store.SessionStore;
import io.smallrye.mutiny.Uni;

/**
 * Turns an access token into its live session. The signature alone is not enough: the session must
 * still be live in the store, so a logout or revocation takes effect at once, and using the token
 * slides the session's idle expiry.
 */
@ApplicationScoped
public class Authenticator {

    private static final String BEARER = "Bearer ";

    private final AccessTokens tokens;
    private final SessionStore store;

    Authenticator(AccessTokens tokens, SessionStore store) {
        this.tokens = tokens;
        this.store = store;
    }

    /** From an {@code Authorization} header value. */
    public Uni<Session> fromAuthorizationHeader(String header) {
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Uni.createFrom().failure(new InvalidTokenException("missing bearer token"));
        }
        return fromToken(header.substring(BEARER.length()).strip());
    }

    public Uni<Session> fromToken(String token) {
        AccessToken claims;
        try {
            claims = tokens.verify(token);
        } catch (InvalidTokenException e) {
            return Uni.createFrom().failure(e);
        }
        return store.touch(claims.sessionId()).map(session -> {
            if (session == null || !session.username().equals(claims.username())) {
                throw new InvalidTokenException("session ended");
            }
            return session;
        });
    }
}
