package io.dx0.session.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.dx0.session.credentials.AccessToken;
import io.dx0.session.credentials.AccessTokens;
import io.dx0.session.credentials.InvalidTokenException;
import io.dx0.session.session.Session;
import io.dx0.session.session.Sessions;
import io.smallrye.mutiny.Uni;

/**
 * Turns an access token into its live session. The signature alone is not enough: the session must
 * still be live in the store, so a logout or revocation takes effect at once, and using the token
 * slides the session's idle expiry.
 */
@ApplicationScoped
public class Authenticator {

    private final AccessTokens tokens;
    private final Sessions sessions;

    Authenticator(AccessTokens tokens, Sessions sessions) {
        this.tokens = tokens;
        this.sessions = sessions;
    }

    /** The live session of an access token, checked to be the token's (by id and user); slides its idle expiry. */
    public Uni<Session> fromToken(String token) {
        AccessToken claims;
        try {
            claims = tokens.verify(token);
        } catch (InvalidTokenException e) {
            return Uni.createFrom().failure(e);
        }
        return sessions.touch(claims.sessionId()).map(found -> {
            if (found == null || !found.username().equals(claims.username())) {
                throw new InvalidTokenException("session ended");
            }
            return found;
        });
    }
}
