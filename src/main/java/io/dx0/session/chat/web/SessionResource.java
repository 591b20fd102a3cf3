package io.dx0.session.chat.web;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.dx0.session.chat.BudgetExceededException;
import io.dx0.session.chat.BudgetLedger;
import io.dx0.session.chat.ChatQuota;
import io.dx0.session.chat.RateDecision;
import io.dx0.session.chat.fhir.FhirExport;
import io.dx0.session.credentials.InvalidTokenException;
import io.dx0.session.security.SessionIdentity;
import io.dx0.session.session.Money;
import io.dx0.session.session.Session;
import io.dx0.session.web.Problem;
import io.dx0.session.web.SessionApi;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;

@Authenticated
@Path(SessionResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "session")
public class SessionResource {

    static final String PATH = "/api/v1/session";

    private final SecurityIdentity identity;
    private final ChatQuota rateLimiter;
    private final BudgetLedger ledger;

    private final FhirExport fhir;

    SessionResource(SecurityIdentity identity, ChatQuota rateLimiter, BudgetLedger ledger, FhirExport fhir) {
        this.fhir = fhir;
        this.identity = identity;
        this.rateLimiter = rateLimiter;
        this.ledger = ledger;
    }

    /** Charges the session if the amount fits; an idempotency key seen before answers the budget unchanged. */
    @POST
    @Operation(summary = "Charge the session's budget",
            description = "Applied only if the amount fits the remaining budget; a repeated idempotency_key answers the budget unchanged.")
    @APIResponse(responseCode = "200", description = "The budget after the charge")
    @SecurityRequirement(name = SessionApi.BEARER)
    @APIResponse(responseCode = "401", ref = SessionApi.UNAUTHORIZED)
    @APIResponse(responseCode = "402",
            description = "The amount does not fit the remaining budget (code budget_exceeded); nothing was charged",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", ref = SessionApi.INVALID)
    @APIResponse(responseCode = "503", ref = SessionApi.UNAVAILABLE)
    @Path("/charges")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<SessionView.BudgetView> charge(@NotNull @Valid ChargeRequest body) {
        return ledger.charge(SessionIdentity.session(identity).id(), Money.toMinor(body.amount()), null, body.idempotencyKey())
                .map(outcome -> switch (outcome.status()) {
                    case CHARGED, DUPLICATE -> SessionView.BudgetView.of(outcome.budget());
                    case EXCEEDED -> throw new BudgetExceededException(outcome.budget());
                    case NO_SESSION -> throw new InvalidTokenException("session ended");
                });
    }

    @GET
    @Operation(summary = "The caller's session",
            description = "Identity, expiry times, budget and chat rate-limit state. Counts as a use: slides the idle expiry.")
    @APIResponse(responseCode = "200", description = "The session")
    @SecurityRequirement(name = SessionApi.BEARER)
    @APIResponse(responseCode = "401", ref = SessionApi.UNAUTHORIZED)
    @APIResponse(responseCode = "503", ref = SessionApi.UNAVAILABLE)
    @NonBlocking // read with the identity (QuotaWithSession): no reason to hop to a worker thread
    public Uni<SessionView> current() {
        RateDecision rate = QuotaWithSession.rate(identity);
        if (rate != null) {
            return Uni.createFrom().item(view(SessionIdentity.session(identity), rate));
        }
        // a path the reader did not recognise as this one (a trailing slash): one more store step
        return rateLimiter.peek(SessionIdentity.session(identity).id()).map(use -> {
            if (use == null) {
                throw new InvalidTokenException("session ended");
            }
            return view(use.session(), use.rate());
        });
    }

    private SessionView view(Session session, RateDecision rate) {
        return SessionView.of(session, rate, rateLimiter.limit(), rateLimiter.windowSeconds());
    }

    @GET
    @Path("/fhir")
    @Produces({ FhirResource.FHIR_JSON, MediaType.APPLICATION_JSON })
    @Operation(summary = "The caller's session as FHIR R4",
            description = "A Bundle (collection): each ordered test a completed ServiceRequest, each charged one a billed ChargeItem, coded from the case file (CPT) where it has codes.")
    @APIResponse(responseCode = "200", description = "A Bundle")
    @SecurityRequirement(name = SessionApi.BEARER)
    @APIResponse(responseCode = "401", ref = SessionApi.UNAUTHORIZED)
    @NonBlocking
    public Map<String, Object> fhir() {
        return fhir.of(SessionIdentity.session(identity));
    }
}
