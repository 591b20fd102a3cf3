package io.dx0.session.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.dx0.session.overload.Admission;
import io.dx0.session.overload.OverloadedException;
import io.dx0.session.overload.WorkPath;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Admission for the REST calls under {@code /api/v1} other than login (its own path, around bcrypt) and
 * the WebSocket upgrade (its own, in the upgrade check): past the {@code rest} limit a call waits its turn
 * briefly, or, when waiting would not help, is answered 503 problem+json with {@code Retry-After} at once,
 * before any resource runs or the store is asked.
 */
@ApplicationScoped
public class RestAdmissionFilter {

    /** After the request id filter (10,000), before everything else. */
    private static final int PRIORITY = 9_000;
    private static final String API = "/api/v1/";

    private final Admission admission;
    private final ObjectMapper json;

    RestAdmissionFilter(Admission admission, ObjectMapper json) {
        this.admission = admission;
        this.json = json;
    }

    void register(@Observes Filters filters) {
        filters.register(this::admit, PRIORITY);
    }

    private String body(Problem problem) {
        try {
            return json.writeValueAsString(problem);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a problem body is always writable", e);
        }
    }

    void admit(RoutingContext rc) {
        String path = rc.normalizedPath();
        if (!path.startsWith(API) || path.equals(API + "login") || path.equals(API + "ws")) {
            rc.next();
            return;
        }
        admission.acquire(WorkPath.REST).subscribe().with(permit -> {
            if (rc.response().closed()) {
                permit.ignored(); // the client left while it waited
                return;
            }
            rc.addEndHandler(ended -> {
                if (rc.response().getStatusCode() == 503) {
                    permit.dropped();
                } else {
                    permit.succeeded();
                }
            });
            rc.next();
        }, failure -> {
            if (!(failure instanceof OverloadedException refusal)) {
                rc.fail(failure);
                return;
            }
            // Vert.x filters run before JAX-RS: the answer ProblemMapper gives an OverloadedException, written here
            rc.response().setStatusCode(503)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.RETRY_AFTER, Long.toString(refusal.retryAfterSeconds()))
                    .end(body(Problem.overloaded(refusal)));
        });
    }
}
