package io.dx0.session.session;

import jakarta.enterprise.context.ApplicationScoped;

import io.dx0.session.config.SessionConfig;
import io.dx0.session.metrics.SessionMetrics;
import io.dx0.session.store.RateDecision;
import io.dx0.session.store.SessionStore;
import io.smallrye.mutiny.Uni;

/** Chat messages per session in a sliding window, shared by all of a session's connections and replicas. */
@ApplicationScoped
public class RateLimiter {

    private final SessionStore store;
    private final SessionConfig.RateLimit config;
    private final SessionMetrics metrics;

    RateLimiter(SessionStore store, SessionConfig config, SessionMetrics metrics) {
        this.store = store;
        this.config = config.rateLimit();
        this.metrics = metrics;
    }

    public Uni<RateDecision> tryAcquire(String sessionId) {
        return store.tryAcquire(sessionId, config.messages(), config.window())
                .invoke(decision -> metrics.rateDecision(decision, config.messages()));
    }

    /** The decision the next message would get, without counting anything. */
    public Uni<RateDecision> peek(String sessionId) {
        return store.peekRate(sessionId, config.messages(), config.window());
    }

    public int limit() {
        return config.messages();
    }

    public long windowSeconds() {
        return config.window().toSeconds();
    }
}
