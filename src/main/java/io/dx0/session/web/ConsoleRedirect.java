package io.dx0.session.web;

import java.net.URI;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Dx0 serves its web page at {@code /api/v1}; here that address leads to the console. */
@Path("/api/v1")
@Tag(name = "console")
public class ConsoleRedirect {

    @GET
    @Operation(summary = "Where Dx0 served its page: redirects to the web console at /")
    @APIResponse(responseCode = "302", description = "Location: /")
    public RestResponse<Void> console() {
        return RestResponse.ResponseBuilder.<Void> create(RestResponse.Status.FOUND).location(URI.create("/")).build();
    }
}
