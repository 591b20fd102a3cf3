package io.dx0.session.chat.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.dx0.session.chat.fhir.FhirBundles;
import io.dx0.session.security.SessionIdentity;
import io.dx0.session.web.SessionApi;

/** Dx0's two FHIR exports, with its request and response shapes: posted data in, an R4 Bundle out. */
@RolesAllowed(SessionIdentity.ADMIN)
@Path("/api/v1/fhir")
@Produces({ FhirResource.FHIR_JSON, MediaType.APPLICATION_JSON })
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "fhir")
@SecurityRequirement(name = SessionApi.BEARER)
@APIResponse(responseCode = "401", ref = SessionApi.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = SessionApi.FORBIDDEN)
@APIResponse(responseCode = "422", ref = SessionApi.INVALID)
public class FhirResource {

    /** FHIR's own JSON media type; plain {@code application/json} is answered to a client that asks for it. */
    public static final String FHIR_JSON = "application/fhir+json";

    /** {@code transcript}: {@code [[speaker, text], ...]}; {@code patient_id}: the subject, when given. */
    public record TranscriptRequest(
            @NotNull @Size(
                    max = 10_000) List<@NotNull @Size(min = 2, max = 2) List<@NotNull @Size(max = 10_000) String>> transcript,
            @Size(max = 64) String patientId) {
    }

    public record TestsRequest(@NotNull @Size(max = 1_000) List<@NotBlank @Size(max = 256) String> tests,
            @NotBlank @Size(max = 64) String patientId) {
    }

    @POST
    @Path("/transcript")
    @Operation(summary = "A transcript as a FHIR R4 Bundle of Communication resources (Dx0's export)")
    @APIResponse(responseCode = "200", description = "A Bundle (collection): one Communication per [speaker, text]")
    public Map<String, Object> transcript(@NotNull @Valid TranscriptRequest body) {
        return FhirBundles.transcript(body.transcript(), Optional.ofNullable(body.patientId()).filter(id -> !id.isBlank()));
    }

    @POST
    @Path("/tests")
    @Operation(summary = "Test names as a FHIR R4 Bundle of ServiceRequest resources (Dx0's export)")
    @APIResponse(responseCode = "200", description = "A Bundle (collection): one completed ServiceRequest per test")
    public Map<String, Object> tests(@NotNull @Valid TestsRequest body) {
        return FhirBundles.tests(body.tests(), body.patientId());
    }
}
