package io.dx0.session.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import io.dx0.session.session.Authenticator;
import io.dx0.session.session.RateLimiter;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/session")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    private final Authenticator authenticator;
    private final RateLimiter rateLimiter;

    SessionResource(Authenticator authenticator, RateLimiter rateLimiter) {
        this.authenticator = authenticator;
        this.rateLimiter = rateLimiter;
    }

    @GET
    public Uni<SessionView> current(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return authenticator.fromAuthorizationHeader(authorization)
                .chain(session -> rateLimiter.peek(session.id())
                        .map(rate -> SessionView.of(session, rate, rateLimiter.limit(), rateLimiter.windowSeconds())));
    }
}
