package io.dx0.session.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.dx0.session.credentials.InvalidTokenException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * An access token to the identity of its live session, in one store round trip (the touch that slides
 * the idle expiry): the user as principal, the group as the role, the session as an attribute
 * ({@link SessionIdentity}). Security knows sessions, not chat: what the chat quota says is read by
 * the one endpoint that shows it (ADR 0027). A token
 * that proves nothing fails authentication (401); an unreachable store is not the caller's fault and
 * fails as itself (503).
 */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    private final Authenticator authenticator;

    SessionIdentityProvider(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        return authenticator.fromToken(request.getToken().getToken())
                .<SecurityIdentity> map(session -> QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(session.username()))
                        .addRole(session.group())
                        .addCredential(request.getToken())
                        .addAttribute(SessionIdentity.SESSION, session)
                        .build())
                .onFailure(InvalidTokenException.class)
                .transform(e -> new AuthenticationFailedException(e.getMessage(), e));
    }
}
