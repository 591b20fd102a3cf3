package io.dx0.session.security;

import java.util.Map;

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
        return read(token, null).map(SessionReader.Read::session);
    }

    /**
     * As {@link #fromToken}, the session read by {@code reader} with what else it reads in the same store step;
     * by the session's touch when {@code reader} is null.
     */
    public Uni<SessionReader.Read> read(String token, SessionReader reader) {
        AccessToken claims;
        try {
            claims = tokens.verify(token);
        } catch (InvalidTokenException e) {
            return Uni.createFrom().failure(e);
        }
        Uni<SessionReader.Read> read = reader != null ? reader.read(claims.sessionId())
                : sessions.touch(claims.sessionId())
                        .map(found -> found == null ? null : new SessionReader.Read(found, Map.of()));
        return read.map(found -> {
            if (found == null || !found.session().username().equals(claims.username())) {
                throw new InvalidTokenException("session ended");
            }
            return found;
        });
    }
}
