package io.dx0.session.security;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import io.dx0.session.credentials.InvalidTokenException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * An access token to the identity of its live session, in one store round trip (the touch that slides
 * the idle expiry, or what a job's {@link SessionReader} reads for its endpoint in the same step): the
 * user as principal, the group as the role, the session and what was read with it as attributes
 * ({@link SessionIdentity}). Security knows sessions, not chat (ADR 0027). A token
 * that proves nothing fails authentication (401); an unreachable store is not the caller's fault and
 * fails as itself (503).
 */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    private final Authenticator authenticator;
    private final List<SessionReader> readers;

    SessionIdentityProvider(Authenticator authenticator, @Any Instance<SessionReader> readers) {
        this.authenticator = authenticator;
        this.readers = readers.stream().toList();
    }

    /** The job's reader for the request's endpoint, if one reads it; else null (the session's touch). */
    private SessionReader readerFor(TokenAuthenticationRequest request) {
        RoutingContext context = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (context == null || readers.isEmpty()) {
            return null;
        }
        String method = context.request().method().name();
        String path = context.normalizedPath();
        for (SessionReader reader : readers) {
            if (reader.reads(method, path)) {
                return reader;
            }
        }
        return null;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        return authenticator.read(request.getToken().getToken(), readerFor(request))
                .<SecurityIdentity> map(read -> QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(read.session().username()))
                        .addRole(read.session().group())
                        .addCredential(request.getToken())
                        .addAttribute(SessionIdentity.SESSION, read.session())
                        .addAttributes(read.attributes())
                        .build())
                .onFailure(InvalidTokenException.class)
                .transform(e -> new AuthenticationFailedException(e.getMessage(), e));
    }
}
