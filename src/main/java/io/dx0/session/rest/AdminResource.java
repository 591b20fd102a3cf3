package io.dx0.session.rest;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import io.dx0.session.session.AdminService;
import io.dx0.session.session.Authenticator;
import io.dx0.session.store.Session;
import io.dx0.session.support.Money;
import io.smallrye.mutiny.Uni;

/** Operator API: Bearer token of a session in group {@code admin}; 403 for any other group. */
@Path("/api/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    private final Authenticator authenticator;
    private final AdminService admin;
    private final ClientAddress clientAddress;

    AdminResource(Authenticator authenticator, AdminService admin, ClientAddress clientAddress) {
        this.authenticator = authenticator;
        this.admin = admin;
        this.clientAddress = clientAddress;
    }

    private Uni<Session> asAdmin(String authorization) {
        return authenticator.fromAuthorizationHeader(authorization).invoke(AdminService::requireAdmin);
    }

    @GET
    @Path("/users/{username}/sessions")
    public Uni<List<SessionView>> sessionsOf(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("username") @Size(max = 256) String username) {
        return asAdmin(authorization).chain(me -> admin.sessionsOf(me, username))
                .map(sessions -> sessions.stream().map(SessionView::of).toList());
    }

    @DELETE
    @Path("/sessions/{sessionId}")
    public Uni<Map<String, Boolean>> revoke(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("sessionId") @Size(max = 64) String sessionId) {
        return asAdmin(authorization).chain(me -> admin.revoke(me, sessionId)).map(ended -> Map.of("revoked", ended));
    }

    @DELETE
    @Path("/users/{username}/sessions")
    public Uni<Map<String, Integer>> revokeAll(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("username") @Size(max = 256) String username) {
        return asAdmin(authorization).chain(me -> admin.revokeAll(me, username)).map(n -> Map.of("revoked", n));
    }

    @DELETE
    @Path("/lockouts/{ip}")
    public Uni<Map<String, String>> clearLockout(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("ip") String ip) {
        return asAdmin(authorization).chain(me -> {
            String normalised = clientAddress.normalise(ip)
                    .orElseThrow(() -> new BadRequestException("not an IP address"));
            return admin.clearLockout(me, normalised).replaceWith(Map.of("cleared", normalised));
        });
    }

    @PUT
    @Path("/sessions/{sessionId}/budget")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<SessionView.BudgetView> setBudget(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("sessionId") @Size(max = 64) String sessionId, @NotNull @Valid BudgetLimitRequest body) {
        Long limit = body.limit() == null ? null : Money.toMinor(body.limit());
        return asAdmin(authorization).chain(me -> admin.setBudgetLimit(me, sessionId, limit))
                .map(budget -> {
                    if (budget == null) {
                        throw new NotFoundException("no live session " + sessionId);
                    }
                    return SessionView.BudgetView.of(budget);
                });
    }
}
