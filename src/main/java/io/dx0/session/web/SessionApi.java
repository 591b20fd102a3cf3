package io.dx0.session.web;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The OpenAPI document's frame ({@code /q/openapi}): the bearer scheme and the error answers every
 * endpoint refers to by name, each an RFC 9457 {@link Problem}. Declares no resources itself, so
 * every resource class is served.
 */
@OpenAPIDefinition(
        info = @Info(title = "Dx0 session service", version = "1",
                description = "Login, sessions, budgets and rate limits for the Dx0 diagnostic chat. The chat "
                        + "itself is a WebSocket at /api/v1/ws?token=<access_token>: see docs/websocket.md."),
        tags = {
                @Tag(name = "auth", description = "Login, token refresh, logout"),
                @Tag(name = "session", description = "The caller's own session and budget"),
                @Tag(name = "admin", description = "Operators (group admin): sessions, lockouts, budgets"),
                @Tag(name = "case", description = "The demo case and its test catalogue"),
                @Tag(name = "keys", description = "Public keys for verifying access tokens")
        },
        components = @Components(
                securitySchemes = @SecurityScheme(securitySchemeName = SessionApi.BEARER, type = SecuritySchemeType.HTTP,
                        scheme = "bearer", bearerFormat = "JWT"),
                responses = {
                        @APIResponse(name = SessionApi.UNAUTHORIZED, responseCode = "401",
                                description = "Missing, malformed, forged or expired token, or the session ended",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = SessionApi.FORBIDDEN, responseCode = "403",
                                description = "The session is not in group admin",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = SessionApi.INVALID, responseCode = "422",
                                description = "Malformed JSON, wrong types or values out of range; errors names the fields",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = SessionApi.UNAVAILABLE, responseCode = "503",
                                description = "The session store cannot be reached, did not answer in time, or is full. Nothing "
                                        + "was confirmed: retry after Retry-After (a charge with the same idempotency_key, "
                                        + "since one that timed out may still have been applied)",
                                headers = @Header(name = "Retry-After", description = "Seconds to wait",
                                        schema = @Schema(type = SchemaType.INTEGER)),
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = Problem.class)))
                }))
public class SessionApi extends Application {

    public static final String BEARER = "bearer";
    public static final String UNAUTHORIZED = "Unauthorized";
    public static final String FORBIDDEN = "Forbidden";
    public static final String INVALID = "Invalid";
    public static final String UNAVAILABLE = "Unavailable";

}
