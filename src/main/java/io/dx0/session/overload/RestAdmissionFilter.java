package io.dx0.session.overload;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Admission for the REST calls under {@code /api/v1} other than login (its own path, around bcrypt) and
 * the WebSocket upgrade (its own, in the upgrade check): past the {@code rest} limit a call is answered
 * 503 problem+json with {@code Retry-After} at once, before any resource runs or the store is asked.
 */
@ApplicationScoped
public class RestAdmissionFilter {

    /** After the request id filter (10,000), before everything else. */
    private static final int PRIORITY = 9_000;
    private static final String API = "/api/v1/";

    private final Admission admission;

    RestAdmissionFilter(Admission admission) {
        this.admission = admission;
    }

    void register(@Observes Filters filters) {
        filters.register(this::admit, PRIORITY);
    }

    void admit(RoutingContext rc) {
        String path = rc.normalizedPath();
        if (!path.startsWith(API) || path.equals(API + "login") || path.equals(API + "ws")) {
            rc.next();
            return;
        }
        Optional<Admission.Permit> admitted = admission.tryAcquire(WorkPath.REST);
        if (admitted.isEmpty()) {
            long retryAfter = Math.max(1, (admission.retryAfterMillis(WorkPath.REST) + 999) / 1000);
            rc.response().setStatusCode(503)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                    .putHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter))
                    .end("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,"
                            + "\"detail\":\"Service saturated: retry shortly\"}");
            return;
        }
        Admission.Permit permit = admitted.get();
        rc.addEndHandler(ended -> {
            if (rc.response().getStatusCode() == 503) {
                permit.dropped();
            } else {
                permit.succeeded();
            }
        });
        rc.next();
    }
}
