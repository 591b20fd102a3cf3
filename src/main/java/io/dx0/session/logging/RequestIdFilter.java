package io.dx0.session.logging;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.MDC;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;

/**
 * Gives every HTTP request (REST calls, WebSocket upgrades, probes) a request id: the caller's
 * {@code X-Request-Id} when it is a short plain token, else a new UUID. It is put in the logging MDC
 * as {@code request_id}, so every log line written while serving the request carries it (text and
 * JSON formats alike), and echoed in the response header.
 */
@ApplicationScoped
public class RequestIdFilter {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "request_id";

    /** Letters, digits and {@code . _ : -} only: nothing a log reader could mistake for structure. */
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    /** Runs before every other route handler. */
    private static final int PRIORITY = 10_000;

    void register(@Observes Filters filters) {
        filters.register(RequestIdFilter::assign, PRIORITY);
    }

    static void assign(RoutingContext rc) {
        String id = accepted(rc.request().getHeader(HEADER));
        MDC.put(MDC_KEY, id);
        rc.response().putHeader(HEADER, id);
        rc.next();
    }

    static String accepted(String offered) {
        return offered != null && ACCEPTED.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    }
}
