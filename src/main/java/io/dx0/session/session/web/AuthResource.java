package io.dx0.session.session.web;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.dx0.session.credentials.DeviceTokens;
import io.dx0.session.security.PresentedBearer;
import io.dx0.session.session.SessionService;
import io.dx0.session.web.ClientAddress;
import io.dx0.session.web.Problem;
import io.dx0.session.web.SessionApi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

@Path("/api/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "auth")
public class AuthResource {

    private final SessionService sessions;
    private final ClientAddress clientAddress;
    private final PresentedBearer presentedBearer;
    private final DeviceTokens devices;

    AuthResource(SessionService sessions, ClientAddress clientAddress, PresentedBearer presentedBearer,
            DeviceTokens devices) {
        this.sessions = sessions;
        this.clientAddress = clientAddress;
        this.presentedBearer = presentedBearer;
        this.devices = devices;
    }

    @POST
    @Operation(summary = "Log in",
            description = "Unknown user and wrong password get the same 401, in the same time. A right password is never answered 401: a login refused because its client address is locked out or its account throttled gets 429 with Retry-After, the same for a known and an unknown account. Present the device_token of an earlier login of this account (in the body, or as the HttpOnly device cookie this answer sets for browsers) to be judged by that device's own failures instead of the address lockout and the account-wide throttle.")
    @APIResponse(responseCode = "200",
            description = "A new access token, refresh token and device token; the device token also as an HttpOnly, SameSite=Strict cookie for POST /login",
            headers = @Header(name = "Set-Cookie",
                    description = "dx0_device_<hash of the account>=<device token>; Path=/api/v1/login; Max-Age=<device-token-ttl>; Secure; HttpOnly; SameSite=Strict"))
    @APIResponse(responseCode = "401", description = "Invalid credentials",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", ref = SessionApi.INVALID)
    @APIResponse(responseCode = "429", description = "Too many failed logins from this client address, or for this account",
            headers = @Header(name = "Retry-After", description = "Seconds until an attempt is allowed",
                    schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", ref = SessionApi.UNAVAILABLE)
    @Path("/login")
    public Uni<RestResponse<TokenResponse>> login(@NotNull @Valid LoginRequest body, @Context HttpServerRequest request) {
        String device = body.deviceToken() != null ? body.deviceToken() : DeviceCookie.from(request, body.username());
        return sessions.login(body.username(), body.password(), device, clientAddress.of(request))
                .map(pair -> RestResponse.ResponseBuilder.ok(TokenResponse.of(pair))
                        .cookie(DeviceCookie.of(body.username(), pair.deviceToken(), devices.ttl()))
                        .build());
    }

    @POST
    @Operation(summary = "Rotate the refresh token",
            description = "Returns a new pair; the presented refresh token is dead afterwards, and presenting it again revokes the whole session.")
    @APIResponse(responseCode = "200", description = "A new access token and refresh token")
    @APIResponse(responseCode = "401", ref = SessionApi.UNAUTHORIZED)
    @APIResponse(responseCode = "422", ref = SessionApi.INVALID)
    @APIResponse(responseCode = "503", ref = SessionApi.UNAVAILABLE)
    @Path("/refresh")
    public Uni<TokenResponse> refresh(@NotNull @Valid RefreshRequest body, @Context HttpServerRequest request) {
        return sessions.refresh(body.refreshToken(), clientAddress.of(request)).map(TokenResponse::of);
    }

    /** Ends the session the body's refresh token proves, else the one the Bearer token proves. */
    @POST
    @Path("/logout")
    @Operation(summary = "Log out",
            description = "Ends the session the body's refresh token proves, else the one the Bearer access token proves, on every replica (its sockets close with 1008). Idempotent: a token of a session already gone answers 200 too. A token that proves nothing (malformed, forged, expired, or not the live session's) answers 401 and ends nothing.")
    @APIResponse(responseCode = "200", description = "The session has ended (now, or before)")
    @APIResponse(responseCode = "401", ref = SessionApi.UNAUTHORIZED)
    @SecurityRequirement(name = SessionApi.BEARER)
    @APIResponse(responseCode = "422", ref = SessionApi.INVALID)
    @APIResponse(responseCode = "503", ref = SessionApi.UNAVAILABLE)
    public Uni<Map<String, String>> logout(@Valid LogoutRequest body, @Context HttpServerRequest request) {
        if (body != null && body.refreshToken() != null) {
            return loggedOut(sessions.logoutWithRefreshToken(body.refreshToken(), clientAddress.of(request)));
        }
        return logoutWithBearer(request);
    }

    /** The same without a JSON body: {@code Authorization: Bearer} alone. */
    @POST
    @Path("/logout")
    @Consumes(MediaType.WILDCARD)
    @Operation(hidden = true)
    public Uni<Map<String, String>> logoutWithBearer(@Context HttpServerRequest request) {
        return loggedOut(sessions.logoutWithAccessToken(presentedBearer.token(), clientAddress.of(request)));
    }

    private static Uni<Map<String, String>> loggedOut(Uni<Void> ending) {
        return ending.replaceWith(Map.of("status", "logged_out"));
    }
}
