package io.dx0.session.web;

import java.util.Comparator;
import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.dx0.session.chat.BudgetExceededException;
import io.dx0.session.credentials.InvalidTokenException;
import io.dx0.session.login.LoginRefusedException;
import io.dx0.session.overload.OverloadedException;
import io.dx0.session.session.Money;
import io.dx0.session.storage.StoreFullException;
import io.dx0.session.storage.StoreUnavailableException;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.CompositeException;

/** The one place where exceptions become HTTP answers: RFC 9457 bodies, no stack trace, no internal name. */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    private static final PropertyNamingStrategies.SnakeCaseStrategy SNAKE = new PropertyNamingStrategies.SnakeCaseStrategy();

    /**
     * Every refused login (401, 429, 503) as its refusal says; the same status, headers and body for a
     * known and an unknown account in the same state.
     */
    @ServerExceptionMapper
    public Response loginRefused(LoginRefusedException e) {
        Response.ResponseBuilder answer = problem(e.status(), Response.Status.fromStatusCode(e.status()).getReasonPhrase(),
                e.detail());
        return e.retryAfterSeconds() > 0 ? answer.header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds()).build()
                : answer.build();
    }

    @ServerExceptionMapper
    public Response invalidToken(InvalidTokenException e) {
        return problem(401, "Unauthorized", "Invalid or expired token")
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    /** No token (or another scheme) on an endpoint that needs a session. */
    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return invalidToken(null);
    }

    /** A token that proves no live session (the identity provider's verdict). */
    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return invalidToken(null);
    }

    /** A live session outside the admin group on the admin API (logged by {@code security.AdminDenials}). */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return problem(403, "Forbidden", "Admin group required").build();
    }

    @ServerExceptionMapper
    public Response overloaded(OverloadedException e) {
        return Response.status(503).type(Problem.MEDIA_TYPE).entity(Problem.overloaded(e))
                .header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds()).build();
    }

    @ServerExceptionMapper
    public Response budgetExceeded(BudgetExceededException e) {
        String detail = "Budget exceeded: " + Money.fromMinor(e.budget().remaining()) + " remaining; nothing was charged";
        return Response.status(402).type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", "Payment Required", 402, detail, "budget_exceeded", null)).build();
    }

    @ServerExceptionMapper
    public Response storeUnavailable(StoreUnavailableException e) {
        LOG.warnf("Session store unavailable: %s", rootMessage(e));
        return problem(503, "Service Unavailable", "Session store unavailable; retry shortly")
                .header(HttpHeaders.RETRY_AFTER, 1).build();
    }

    @ServerExceptionMapper
    public Response storeFull(StoreFullException e) {
        LOG.warn(e.getMessage());
        return problem(503, "Service Unavailable", "Too many live sessions; retry later")
                .header(HttpHeaders.RETRY_AFTER, 60).build();
    }

    @ServerExceptionMapper
    public Response violations(ResteasyReactiveViolationException e) {
        return validation(e);
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).reduce((a, b) -> a + "; " + b)
                .orElse("Invalid request");
        return Response.status(422).type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", "Unprocessable Content", 422, detail, null, errors)).build();
    }

    /** Wrong JSON types; the framework maps this subtype to 400 unless told otherwise. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        return malformedJson(e);
    }

    /**
     * Not JSON, a key given twice, or anything after the value: 400 (see {@code StrictJson}). JSON of the
     * wrong shape (a string where a number belongs, an array for a name): 422 naming the field.
     */
    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        String reason = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof MismatchedInputException && reason.startsWith("Trailing token")) {
            return problem(400, "Bad Request", "Malformed JSON body: content after the JSON value").build();
        }
        if (e instanceof StreamReadException) {
            return problem(400, "Bad Request", reason.startsWith("Duplicate field")
                    ? "Malformed JSON body: a key appears twice" : "Malformed JSON body").build();
        }
        String detail = "Malformed JSON body";
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String field = m.getPath().get(m.getPath().size() - 1).getFieldName();
            if (field != null) {
                detail = "Malformed JSON body: invalid value for '" + field + "'";
            }
        }
        return problem(422, "Unprocessable Content", detail).build();
    }

    @ServerExceptionMapper
    public Response invalidParameter(InvalidParameterException e) {
        return problem(400, "Bad Request", e.getMessage()).build();
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json);
        }
        int status = e.getResponse().getStatus();
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "Error" : type.getReasonPhrase();
        return problem(status, title, title).build();
    }

    /**
     * Several failures at once (a step and its clean-up): answered as the first, the step's own, when it is
     * one of the known refusals or outages; never a 500 for a refusal that came with company.
     */
    @ServerExceptionMapper
    public Response composite(CompositeException e) {
        Throwable first = e.getCauses().get(0);
        if (first instanceof LoginRefusedException refused) {
            return loginRefused(refused);
        }
        if (first instanceof OverloadedException overloaded) {
            return overloaded(overloaded);
        }
        if (first instanceof StoreUnavailableException unavailable) {
            return storeUnavailable(unavailable);
        }
        if (first instanceof InvalidTokenException invalid) {
            return invalidToken(invalid);
        }
        return unexpected(e);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        LOG.error("Unexpected failure", e);
        return problem(500, "Internal Server Error", "Internal error").build();
    }

    private static Response.ResponseBuilder problem(int status, String title, String detail) {
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(Problem.of(status, title, detail));
    }

    /**
     * The name of the violated field: the last property of the path in snake_case (a body's field), else the
     * method parameter (a query or path parameter, named as in the URL), else {@code body}.
     */
    private static String field(ConstraintViolation<?> violation) {
        String property = null;
        String parameter = "body";
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getName() != null && node.getKind() == jakarta.validation.ElementKind.PROPERTY) {
                property = node.getName();
            } else if (node.getName() != null && node.getKind() == jakarta.validation.ElementKind.PARAMETER) {
                parameter = node.getName();
            }
        }
        return property != null ? SNAKE.translate(property) : parameter;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
