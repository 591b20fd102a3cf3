package io.dx0.session.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.dx0.session.overload.Admission;
import io.dx0.session.overload.OverloadedException;
import io.dx0.session.overload.WorkPath;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/**
 * The way into {@code /api/v1} (but the WebSocket upgrade, admitted by its own check): a request's body is
 * read in full first, within {@code session.http.body-timeout} ({@link RequestBody}), so a client still
 * sending holds no permit, worker or store round trip. Then every call but login (its own line, around
 * bcrypt) takes a {@code rest} permit: past the limit it waits its turn briefly, or, when waiting would
 * not help, is answered 503 problem+json with {@code Retry-After} at once, before any resource runs or the
 * store is asked. The permit is given back when the answer is ready, not when the client has taken it: a
 * client that does not read its answer holds nothing of the path.
 */
@ApplicationScoped
public class RestAdmissionFilter {

    /** After the request id filter (10,000), before everything else. */
    private static final int PRIORITY = 9_000;
    private static final String API = "/api/v1/";

    private final Admission admission;
    private final ObjectMapper json;
    private final RequestBody body;

    RestAdmissionFilter(Admission admission, ObjectMapper json, RequestBody body) {
        this.admission = admission;
        this.json = json;
        this.body = body;
    }

    void register(@Observes Filters filters) {
        filters.register(this::filter, PRIORITY);
    }

    void filter(RoutingContext rc) {
        String path = rc.normalizedPath();
        if (!path.startsWith(API) || path.equals(API + "ws")) {
            rc.next();
            return;
        }
        boolean admitted = !path.equals(API + "login");
        body.read(rc, refused -> answer(rc, refused, true),
                () -> {
                    if (admitted) {
                        admit(rc);
                    } else {
                        rc.next();
                    }
                });
    }

    private void admit(RoutingContext rc) {
        admission.acquire(WorkPath.REST).subscribe().with(permit -> {
            if (rc.response().closed()) {
                permit.ignored(); // the client left while it waited
                return;
            }
            // the answer is ready when its headers go out; a client gone before that ends it unanswered
            rc.addHeadersEndHandler(ready -> {
                if (rc.response().getStatusCode() == 503) {
                    permit.dropped();
                } else {
                    permit.succeeded();
                }
            });
            rc.addEndHandler(ended -> permit.ignored());
            rc.next();
        }, failure -> {
            if (failure instanceof OverloadedException refusal) {
                rc.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(refusal.retryAfterSeconds()));
                answer(rc, Problem.overloaded(refusal), false);
            } else {
                rc.fail(failure);
            }
        });
    }

    /** Vert.x filters run before JAX-RS: the answers ProblemMapper would give, written here. */
    private void answer(RoutingContext rc, Problem problem, boolean closeConnection) {
        String text;
        try {
            text = json.writeValueAsString(problem);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a problem body is always writable", e);
        }
        var response = rc.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (closeConnection) {
            // the rest of the body may still come: the connection cannot carry another request
            response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
            response.end(text).onComplete(written -> {
                if (rc.request().version() != HttpVersion.HTTP_2) {
                    rc.request().connection().close();
                }
            });
        } else {
            response.end(text);
        }
    }
}
