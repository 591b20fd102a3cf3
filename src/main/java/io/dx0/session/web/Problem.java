package io.dx0.session.web;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.dx0.session.overload.OverloadedException;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * RFC 9457 problem details. {@code detail} is what Dx0 clients read; {@code code} a stable
 * machine-readable reason where one exists; {@code errors} names the fields of a failed validation;
 * {@code trace_id} the OpenTelemetry trace of the request when tracing is on.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record Problem(String type, String title, int status, String detail, String code, List<FieldError> errors,
        String traceId) {

    /** The problem of the request being answered: its trace id when it is traced, so an error report leads to it. */
    public Problem(String type, String title, int status, String detail, String code, List<FieldError> errors) {
        this(type, title, status, detail, code, errors, currentTraceId());
    }

    private static String currentTraceId() {
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() ? span.getTraceId() : null;
    }

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
