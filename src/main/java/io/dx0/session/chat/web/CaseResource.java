package io.dx0.session.chat.web;

import java.math.BigDecimal;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.dx0.session.chat.conversation.DemoCase;
import io.dx0.session.session.Money;

/** The demo case and its test catalogue, public. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "case")
public class CaseResource {

    private final DemoCase demo;

    CaseResource(DemoCase demo) {
        this.demo = demo;
    }

    public record CaseSummary(String summary) {
    }

    public record TestEntry(String name, BigDecimal price) {
    }

    public record Catalogue(List<String> tests, List<TestEntry> prices) {
    }

    @GET
    @Operation(summary = "The demo case summary")
    @APIResponse(responseCode = "200", description = "The case summary")
    @Path("/case")
    public CaseSummary caseSummary() {
        return new CaseSummary(demo.summary());
    }

    /** {@code tests} holds the names (what Dx0 clients read); {@code prices} adds each price. */
    @GET
    @Operation(summary = "The test catalogue: names and prices")
    @APIResponse(responseCode = "200", description = "The catalogue")
    @Path("/tests")
    public Catalogue tests() {
        return new Catalogue(demo.tests().stream().map(DemoCase.CatalogueTest::name).toList(),
                demo.tests().stream().map(t -> new TestEntry(t.name(), Money.fromMinor(t.price()))).toList());
    }
}
