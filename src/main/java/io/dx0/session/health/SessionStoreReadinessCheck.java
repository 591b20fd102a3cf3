package io.dx0.session.health;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.dx0.session.storage.backend.SessionStore;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/** Ready while the chosen backend answers a ping; DOWN (with the reason) while it does not. */
@Readiness
@ApplicationScoped
public class SessionStoreReadinessCheck implements AsyncHealthCheck {

    private static final Duration PING_TIMEOUT = Duration.ofSeconds(2);

    private final SessionStore store;

    SessionStoreReadinessCheck(SessionStore store) {
        this.store = store;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return store.ping()
                .ifNoItem().after(PING_TIMEOUT).fail()
                .map(ok -> HealthCheckResponse.named("session-store").withData("backend", store.name()).up().build())
                .onFailure().recoverWithItem(e -> HealthCheckResponse.named("session-store")
                        .withData("backend", store.name())
                        .withData("reason", e instanceof TimeoutException ? "no answer within " + PING_TIMEOUT.toSeconds() + "s"
                                : "backend not reachable")
                        .down().build());
    }
}
