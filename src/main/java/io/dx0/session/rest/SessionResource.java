package io.dx0.session.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import io.dx0.session.auth.InvalidTokenException;
import io.dx0.session.session.Authenticator;
import io.dx0.session.session.BudgetExceededException;
import io.dx0.session.session.BudgetLedger;
import io.dx0.session.session.RateLimiter;
import io.dx0.session.support.Money;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/session")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    private final Authenticator authenticator;
    private final RateLimiter rateLimiter;
    private final BudgetLedger ledger;

    SessionResource(Authenticator authenticator, RateLimiter rateLimiter, BudgetLedger ledger) {
        this.authenticator = authenticator;
        this.rateLimiter = rateLimiter;
        this.ledger = ledger;
    }

    /** Charges the session if the amount fits; an idempotency key seen before answers the budget unchanged. */
    @POST
    @Path("/charges")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<SessionView.BudgetView> charge(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @NotNull @Valid ChargeRequest body) {
        return authenticator.fromAuthorizationHeader(authorization)
                .chain(session -> ledger.charge(session.id(), Money.toMinor(body.amount()), null, body.idempotencyKey()))
                .map(outcome -> switch (outcome.status()) {
                    case CHARGED, DUPLICATE -> SessionView.BudgetView.of(outcome.budget());
                    case EXCEEDED -> throw new BudgetExceededException(outcome.budget());
                    case NO_SESSION -> throw new InvalidTokenException("session ended");
                });
    }

    @GET
    public Uni<SessionView> current(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return authenticator.fromAuthorizationHeader(authorization)
                .chain(session -> rateLimiter.peek(session.id())
                        .map(rate -> SessionView.of(session, rate, rateLimiter.limit(), rateLimiter.windowSeconds())));
    }
}
