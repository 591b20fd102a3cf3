package io.dx0.session.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.dx0.session.overload.OverloadedException;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * RFC 9457 problem details. {@code detail} is what Dx0 clients read; {@code code} a stable
 * machine-readable reason where one exists; {@code errors} names the fields of a failed validation.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record Problem(String type, String title, int status, String detail, String code, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    @RegisterForReflection
    public record FieldError(String field, String message) {
    }

    static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, null, null);
    }

    /** Work refused by admission control, wherever it was refused (a resource, the REST filter). */
    static Problem overloaded(OverloadedException e) {
        return of(503, "Service Unavailable", e.getMessage());
    }
}
