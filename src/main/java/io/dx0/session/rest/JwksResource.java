package io.dx0.session.rest;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

import io.dx0.session.auth.AccessTokens;

/** The public keys access tokens can be verified with (RS256); empty when a shared secret signs them. */
@Path("/.well-known/jwks.json")
public class JwksResource {

    private final AccessTokens tokens;

    JwksResource(AccessTokens tokens) {
        this.tokens = tokens;
    }

    @GET
    @Produces("application/jwk-set+json")
    public Map<String, Object> jwks() {
        return tokens.jwks();
    }
}
