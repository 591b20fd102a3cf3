package io.dx0.session.admin.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.dx0.session.admin.AdminService;
import io.dx0.session.audit.SecurityEvent;
import io.dx0.session.chat.OpenSockets;
import io.dx0.session.chat.fhir.FhirExport;
import io.dx0.session.chat.web.FhirResource;
import io.dx0.session.chat.web.SessionView;
import io.dx0.session.credentials.UserDirectory;
import io.dx0.session.login.LoginLockouts;
import io.dx0.session.net.IpAddresses;
import io.dx0.session.security.SessionIdentity;
import io.dx0.session.session.Money;
import io.dx0.session.session.Session;
import io.dx0.session.session.SessionQuery;
import io.dx0.session.web.ClientAddress;
import io.dx0.session.web.InvalidParameterException;
import io.dx0.session.web.Problem;
import io.dx0.session.web.SessionApi;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Operator API: Bearer token of a session in group {@code admin}; 403 for any other group. Every operation
 * can also answer 401, 403 and 503 (declared once, on the class).
 */
@RolesAllowed(SessionIdentity.ADMIN)
@Path("/api/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
@SecurityRequirement(name = SessionApi.BEARER)
@APIResponse(responseCode = "401", ref = SessionApi.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = SessionApi.FORBIDDEN)
@APIResponse(responseCode = "503", ref = SessionApi.UNAVAILABLE)
public class AdminResource {

    /** What every backend gives as an event's id, and so as next_before: a time, a dash, a counter. */
    private static final java.util.regex.Pattern CURSOR = java.util.regex.Pattern.compile("[0-9]{1,19}-[0-9a-f]{1,16}");

    private final SecurityIdentity identity;
    private final AdminService admin;
    private final ClientAddress clientAddress;
    private final OpenSockets openSockets;

    private final UserDirectory users;
    private final FhirExport fhir;

    AdminResource(SecurityIdentity identity, AdminService admin, ClientAddress clientAddress, OpenSockets openSockets,
            UserDirectory users, FhirExport fhir) {
        this.users = users;
        this.fhir = fhir;
        this.identity = identity;
        this.admin = admin;
        this.clientAddress = clientAddress;
        this.openSockets = openSockets;
    }

    /** The admin's own session, as authenticated: the actor of every event logged. */
    private Session me() {
        return SessionIdentity.session(identity);
    }

    @GET
    @Path("/users/{username}/sessions")
    @Operation(summary = "List the live sessions of a user")
    @APIResponse(responseCode = "200",
            description = "The live sessions, oldest first; sockets counts those open on the replica that answered")
    public Uni<List<SessionView>> sessionsOf(@PathParam("username") @Size(max = 256) String username) {
        return admin.sessionsOf(me(), users.canonical(username))
                .map(sessions -> sessions.stream().map(s -> SessionView.of(s, openSockets.of(s.id()))).toList());
    }

    @GET
    @Path("/sessions")
    @Operation(summary = "Page through every live session",
            description = "Newest first, optionally only usernames starting with prefix and of one group; page with"
                    + " before = the previous page's next_before. sockets counts those open on the replica that answered.")
    @APIResponse(responseCode = "200", description = "A page of live sessions")
    @APIResponse(responseCode = "400", description = "A before that is no cursor of this list",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SessionsPage> allSessions(@QueryParam("prefix") @Size(max = 256) String prefix,
            @QueryParam("group") @Size(max = 64) String group,
            @QueryParam("before") @Size(max = 100) String before,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        SessionQuery.Cursor cursor;
        try {
            cursor = blankToNull(before) == null ? null : SessionQuery.Cursor.parse(before.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("before: not a cursor of this list (use the next_before of a page)");
        }
        return admin.sessions(me(), new SessionQuery(blankToNull(prefix), blankToNull(group), cursor, limit))
                .map(found -> new SessionsPage(found.stream().map(s -> SessionView.of(s, openSockets.of(s.id()))).toList(),
                        found.size() == limit ? SessionQuery.Cursor.of(found.get(found.size() - 1)).toString() : null));
    }

    /** A page of live sessions, newest first; {@code nextBefore} is where the next, older page begins (null at the end). */
    public record SessionsPage(List<SessionView> sessions, String nextBefore) {
    }

    @DELETE
    @Path("/sessions/{sessionId}")
    @Operation(summary = "Revoke one session",
            description = "Its sockets close with 1008 on every replica. revoked is false when it had already ended.")
    @APIResponse(responseCode = "200", description = "Whether a live session was ended")
    public Uni<Map<String, Boolean>> revoke(@PathParam("sessionId") @Size(max = 64) String sessionId) {
        return admin.revoke(me(), sessionId).map(ended -> Map.of("revoked", ended));
    }

    @DELETE
    @Path("/users/{username}/sessions")
    @Operation(summary = "Revoke every session of a user")
    @APIResponse(responseCode = "200", description = "How many sessions were ended")
    public Uni<Map<String, Integer>> revokeAll(@PathParam("username") @Size(max = 256) String username) {
        return admin.revokeAll(me(), users.canonical(username)).map(n -> Map.of("revoked", n));
    }

    @DELETE
    @Path("/users/{username}/devices")
    @Operation(summary = "Revoke every device token of a user",
            description = "Logins presenting a device token issued before now are judged by the account-wide throttle again; the user's sessions are not touched.")
    @APIResponse(responseCode = "200", description = "The account whose device tokens were revoked")
    public Uni<Map<String, Boolean>> revokeDevices(@PathParam("username") @Size(max = 256) String username) {
        return admin.revokeDevices(me(), users.canonical(username)).replaceWith(Map.of("revoked", true));
    }

    @DELETE
    @Path("/lockouts/{ip}")
    @Operation(summary = "End a client IP's login lockout",
            description = "IPv6 addresses are locked out per /64: clearing one address clears its /64.")
    @APIResponse(responseCode = "200",
            description = "What the lockout counted: the normalised IPv4 address, or the IPv6 address's /64")
    @APIResponse(responseCode = "400", description = "Not an IP address",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Map<String, String>> clearLockout(@PathParam("ip") String ip) {
        String normalised = clientAddress.normalise(ip).orElseThrow(() -> new InvalidParameterException("not an IP address"));
        return admin.clearLockout(me(), normalised).replaceWith(Map.of("cleared", IpAddresses.lockoutUnit(normalised)));
    }

    @GET
    @Path("/events")
    @Operation(summary = "Read the security events kept from every replica",
            description = "Newest first. Filters: user (compared as logins are: without case, surrounding spaces or width), address (a client IP), type (an event"
                    + " code such as login.failure, or a family such as login.), since (an ISO-8601 instant); page with"
                    + " before = the previous page's next_before.")
    @APIResponse(responseCode = "200", description = "A page of events")
    @APIResponse(responseCode = "400", description = "An unknown type, an address that is no IP, a since that is no instant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<EventsPage> events(@QueryParam("user") @Size(max = 256) String user,
            @QueryParam("address") @Size(max = 64) String address,
            @QueryParam("type") @Size(max = 64) String type,
            @QueryParam("since") @Size(max = 64) String since,
            @QueryParam("before") @Size(max = 64) String before,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        String ip = address == null || address.isBlank() ? null
                : clientAddress.normalise(address)
                        .orElseThrow(() -> new InvalidParameterException("address: not an IP address"));
        if (type != null && !type.isBlank() && !SecurityEvent.isKnownType(type.strip())) {
            throw new InvalidParameterException(
                    "type: not an event code or family (login., logout, refresh., session., admin.)");
        }
        if (before != null && !before.isBlank() && !CURSOR.matcher(before).matches()) {
            throw new InvalidParameterException("before: not a cursor; pass the next_before of the previous page");
        }
        long sinceMillis;
        try {
            sinceMillis = since == null || since.isBlank() ? 0 : Instant.parse(since).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException("since: not an ISO-8601 instant such as 2026-12-01T08:00:00Z");
        }
        return admin
                .events(me(), user == null || user.isBlank() ? null : users.canonical(user), ip, blankToNull(type), sinceMillis,
                        blankToNull(before), limit)
                .map(found -> EventsPage.of(found, limit));
    }

    @GET
    @Path("/overview")
    @Operation(summary = "Live sessions, open sockets and the last minutes' logins",
            description = "Live sessions are counted over every replica; sockets on the replica that answered, and on"
                    + " every replica as each last reported it (every 10 s); logins by event type from the events every"
                    + " replica kept.")
    @APIResponse(responseCode = "200", description = "The figures")
    public Uni<OverviewView> overview(@QueryParam("minutes") @DefaultValue("15") @Min(1) @Max(1440) int minutes) {
        return admin.overview(me(), minutes).map(o -> new OverviewView(o.liveSessions(), openSockets.openConnections(),
                o.socketsByReplica(), o.socketsByReplica().values().stream().mapToInt(Integer::intValue).sum(),
                o.minutes(), o.logins(), o.capped()));
    }

    /**
     * The overview as answered; {@code socketsByReplica}: each replica's last report (within 30 s);
     * {@code capped}: more login events happened than were read, counts are lower bounds.
     */
    public record OverviewView(long liveSessions, int socketsHere, Map<String, Integer> socketsByReplica,
            int socketsTotal, int minutes, Map<String, Long> logins, boolean capped) {
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @GET
    @Path("/lockouts")
    @Operation(summary = "The addresses locked out and the accounts in back-off now, also at familiar places",
            description = "Read from the login gates of every replica: the failures that closed each, how many close"
                    + " it, when it opens by itself, and the DELETE that opens it now. Latest end first; complete is"
                    + " false when more than 500 of a kind are closed and the rest are not listed.")
    @APIResponse(responseCode = "200", description = "The closed gates")
    public Uni<LoginLockouts.Lockouts> lockouts() {
        return admin.lockouts(me());
    }

    @DELETE
    @Path("/users/{username}/lockout")
    @Operation(summary = "End an account's back-off", description = "Forgets the account's failed logins.")
    @APIResponse(responseCode = "200", description = "The account whose failures were forgotten")
    public Uni<Map<String, String>> clearAccountLockout(@PathParam("username") @Size(max = 256) String username) {
        String account = users.canonical(username);
        return admin.clearAccountLockout(me(), account).replaceWith(Map.of("cleared", account));
    }

    @PUT
    @Path("/sessions/{sessionId}/budget")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a session's budget limit", description = "limit null makes it unlimited.")
    @APIResponse(responseCode = "200", description = "The session's budget")
    @APIResponse(responseCode = "404", description = "No live session with that id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", ref = SessionApi.INVALID)
    public Uni<SessionView.BudgetView> setBudget(@PathParam("sessionId") @Size(max = 64) String sessionId,
            @NotNull @Valid BudgetLimitRequest body) {
        Long limit = body.limit() == null ? null : Money.toMinor(body.limit());
        return admin.setBudgetLimit(me(), sessionId, limit)
                .map(budget -> {
                    if (budget == null) {
                        throw new NotFoundException("no live session " + sessionId);
                    }
                    return SessionView.BudgetView.of(budget);
                });
    }

    @GET
    @Path("/sessions/{sessionId}/fhir")
    @Produces({ FhirResource.FHIR_JSON, MediaType.APPLICATION_JSON })
    @Operation(summary = "A live session as FHIR R4: its ordered tests and their charges")
    @APIResponse(responseCode = "200", description = "A Bundle (collection) of ServiceRequest and ChargeItem")
    @APIResponse(responseCode = "404", description = "No live session with that id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Map<String, Object>> sessionFhir(@PathParam("sessionId") @Size(max = 64) String sessionId) {
        return admin.session(me(), sessionId).map(session -> {
            if (session == null) {
                throw new NotFoundException("no live session " + sessionId);
            }
            return fhir.of(session);
        });
    }
}
