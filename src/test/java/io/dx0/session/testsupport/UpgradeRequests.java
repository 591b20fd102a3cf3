package io.dx0.session.testsupport;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;

/**
 * The request lines of the last WebSocket upgrades the service received, as the server (and an access
 * log) saw them: what a test asserts when it must prove a client kept its token out of the URL.
 */
@ApplicationScoped
public class UpgradeRequests {

    private static final int KEPT = 100;
    private final ConcurrentLinkedDeque<String> uris = new ConcurrentLinkedDeque<>();

    void record(@Observes Router router) {
        router.route("/api/v1/ws").order(Integer.MIN_VALUE).handler(context -> {
            uris.addLast(context.request().uri());
            while (uris.size() > KEPT) {
                uris.pollFirst();
            }
            context.next();
        });
    }

    public List<String> uris() {
        return List.copyOf(uris);
    }

    public void clear() {
        uris.clear();
    }
}
