package io.dx0.session.session.web;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.dx0.session.credentials.AccessTokens;

/** The public keys access tokens can be verified with (RS256); empty when a shared secret signs them. */
@Path("/.well-known/jwks.json")
@Tag(name = "keys")
public class JwksResource {

    private final AccessTokens tokens;

    JwksResource(AccessTokens tokens) {
        this.tokens = tokens;
    }

    @Operation(summary = "JSON Web Key Set",
            description = "The RS256 public key access tokens are signed with; empty when a shared HS256 secret signs them.")
    @APIResponse(responseCode = "200", description = "The key set")
    @GET
    @Produces("application/jwk-set+json")
    public Map<String, Object> jwks() {
        return tokens.jwks();
    }
}
