package io.dx0.session.store.memory;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import io.dx0.session.config.SessionConfig;
import io.dx0.session.store.SessionPolicy;
import io.dx0.session.store.SessionStore;
import io.dx0.session.store.SessionStoreFactory;

@ApplicationScoped
public class MemoryStoreFactory implements SessionStoreFactory {

    private final SessionConfig config;
    private final SessionPolicy policy;
    private final Clock clock;

    MemoryStoreFactory(SessionConfig config, SessionPolicy policy, Clock clock) {
        this.config = config;
        this.policy = policy;
        this.clock = clock;
    }

    @Override
    public String backend() {
        return "memory";
    }

    @Override
    public SessionStore create() {
        return new MemorySessionStore(backend(), policy,
                config.memory().maxSessions(), clock);
    }

    /** The memory backend standing in for {@code backend}, named so readiness says so. */
    public SessionStore createFallbackFor(String backend) {
        return new MemorySessionStore("memory (fallback from " + backend + ")", policy,
                config.memory().maxSessions(), clock);
    }
}
