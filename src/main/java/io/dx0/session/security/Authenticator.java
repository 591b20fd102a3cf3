package io.dx0.session.security;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.dx0.session.credentials.AccessToken;
import io.dx0.session.credentials.AccessTokens;
import io.dx0.session.credentials.InvalidTokenException;
import io.dx0.session.domain.Session;
import io.dx0.session.domain.SessionUse;
import io.dx0.session.service.ChatQuota;
import io.dx0.session.store.Sessions;
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
    private final ChatQuota rateLimiter;

    Authenticator(AccessTokens tokens, Sessions sessions, ChatQuota rateLimiter) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.rateLimiter = rateLimiter;
    }

    /** The live session of an access token; slides its idle expiry. */
    public Uni<Session> fromToken(String token) {
        return verified(token, sessions::touch, Function.identity());
    }

    /** As {@link #fromToken}, with the session's chat rate state read in the same store step. */
    public Uni<SessionUse> withRate(String token) {
        return verified(token, rateLimiter::peek, SessionUse::session);
    }

    /** Checks the token, then looks its session up (by id) and checks it is the token's. */
    private <T> Uni<T> verified(String token, Function<String, Uni<T>> lookup, Function<T, Session> session) {
        AccessToken claims;
        try {
            claims = tokens.verify(token);
        } catch (InvalidTokenException e) {
            return Uni.createFrom().failure(e);
        }
        return lookup.apply(claims.sessionId()).map(found -> {
            if (found == null || !session.apply(found).username().equals(claims.username())) {
                throw new InvalidTokenException("session ended");
            }
            return found;
        });
    }
}
