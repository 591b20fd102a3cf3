package io.dx0.session.web;

import java.io.ByteArrayInputStream;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.netty.handler.codec.http.HttpHeaderValues;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/**
 * A request body read in full on the event loop before the request goes further, within a deadline (408)
 * and {@code quarkus.http.limits.max-body-size} (413, also for a chunked body, whose length is not
 * announced). The bytes are kept on the routing context and handed to the REST layer as the entity, so
 * nothing reads them twice.
 */
@ApplicationScoped
public class RequestBody {

    private static final String KEY = "dx0.request-body";

    private final long timeoutMillis;
    private final long maxBytes;

    RequestBody(HttpSettings config, @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.timeoutMillis = config.bodyTimeout().toMillis();
        this.maxBytes = maxBodySize.asLongValue();
    }

    /**
     * Reads the body of {@code rc}'s request, then runs {@code next}; or hands {@code refused} the answer
     * when the body did not come in time or is too large. A request without a body goes on at once.
     */
    void read(RoutingContext rc, Consumer<Problem> refused, Runnable next) {
        HttpServerRequest request = rc.request();
        if (request.isEnded() || !announcesBody(request)) {
            next.run();
            return;
        }
        Buffer body = Buffer.buffer();
        boolean[] over = { false };
        long timer = rc.vertx().setTimer(timeoutMillis, fired -> {
            if (!request.isEnded() && !rc.response().ended()) {
                refused.accept(Problem.of(408, "Request Timeout",
                        "The request body did not arrive within " + timeoutMillis / 1000 + " s"));
            }
        });
        request.handler(chunk -> {
            if (over[0]) {
                return;
            }
            if (body.length() + chunk.length() > maxBytes) {
                over[0] = true;
                rc.vertx().cancelTimer(timer);
                refused.accept(Problem.of(413, "Content Too Large",
                        "The request body is larger than " + maxBytes + " bytes"));
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(failure -> rc.vertx().cancelTimer(timer));
        request.endHandler(ended -> {
            rc.vertx().cancelTimer(timer);
            if (!over[0] && !rc.response().ended()) {
                rc.put(KEY, body);
                next.run();
            }
        });
        if (HttpHeaderValues.CONTINUE.contentEqualsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            rc.response().writeContinue();
        }
        request.resume();
    }

    /**
     * An HTTP/1.1 request with a body says so ({@code Content-Length} above 0, or chunked). An HTTP/2 stream
     * (served only where {@code quarkus.http.http2} is turned on) is left to the REST layer to read: it
     * refuses a stream whose end was already read before it came.
     */
    private static boolean announcesBody(HttpServerRequest request) {
        if (request.version() == HttpVersion.HTTP_2) {
            return false;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return length != null ? !length.strip().equals("0") : request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
    }

    /** Gives the REST layer the body read here as the request's entity, before it would read one itself. */
    @ServerRequestFilter(preMatching = true)
    void hand(ContainerRequestContext request, RoutingContext rc) {
        Buffer body = rc.get(KEY);
        if (body != null) {
            request.setEntityStream(new ByteArrayInputStream(body.getBytes()));
        }
    }
}
