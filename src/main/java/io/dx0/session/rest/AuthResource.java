package io.dx0.session.rest;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import io.dx0.session.auth.InvalidTokenException;
import io.dx0.session.session.Authenticator;
import io.dx0.session.session.SessionService;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

@Path("/api/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    private final SessionService sessions;
    private final Authenticator authenticator;
    private final ClientAddress clientAddress;

    AuthResource(SessionService sessions, Authenticator authenticator, ClientAddress clientAddress) {
        this.sessions = sessions;
        this.authenticator = authenticator;
        this.clientAddress = clientAddress;
    }

    @POST
    @Path("/login")
    public Uni<TokenResponse> login(@NotNull @Valid LoginRequest body, @Context HttpServerRequest request) {
        return sessions.login(body.username(), body.password(), clientAddress.of(request)).map(TokenResponse::of);
    }

    @POST
    @Path("/refresh")
    public Uni<TokenResponse> refresh(@NotNull @Valid RefreshRequest body) {
        return sessions.refresh(body.refreshToken()).map(TokenResponse::of);
    }

    /** Idempotent: ends the session named by the body's refresh token, else by the Bearer token, if any. */
    @POST
    @Path("/logout")
    public Uni<Map<String, String>> logout(@Valid LogoutRequest body,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        if (body != null && body.refreshToken() != null) {
            return loggedOut(sessions.logoutWithRefreshToken(body.refreshToken()));
        }
        return logoutWithBearer(authorization);
    }

    /** The same without a JSON body: {@code Authorization: Bearer} alone. */
    @POST
    @Path("/logout")
    @Consumes(MediaType.WILDCARD)
    public Uni<Map<String, String>> logoutWithBearer(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        if (authorization == null) {
            return loggedOut(Uni.createFrom().voidItem());
        }
        return loggedOut(authenticator.fromAuthorizationHeader(authorization)
                .chain(sessions::logout)
                .onFailure(InvalidTokenException.class).recoverWithNull());
    }

    private static Uni<Map<String, String>> loggedOut(Uni<Void> ending) {
        return ending.replaceWith(Map.of("status", "logged_out"));
    }
}
