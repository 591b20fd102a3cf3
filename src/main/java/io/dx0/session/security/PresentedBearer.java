package io.dx0.session.security;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * The bearer token a request presented, not yet judged: for a logout, which must end the session a
 * validly signed token names even when that session is already gone (and so cannot authenticate).
 */
@RequestScoped
public class PresentedBearer {

    private final HttpServerRequest request;

    PresentedBearer(HttpServerRequest request) {
        this.request = request;
    }

    public Optional<String> token() {
        return BearerToken.from(request.getHeader(HttpHeaders.AUTHORIZATION));
    }
}
