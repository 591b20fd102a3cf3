package io.dx0.session.storage.memory;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import io.dx0.session.storage.backend.SessionPolicy;
import io.dx0.session.storage.backend.SessionStore;
import io.dx0.session.storage.backend.SessionStoreFactory;

@ApplicationScoped
public class MemoryStoreFactory implements SessionStoreFactory {

    private final MemorySettings config;
    private final SessionPolicy policy;
    private final Clock clock;

    MemoryStoreFactory(MemorySettings config, SessionPolicy policy, Clock clock) {
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
                config.maxSessions(), clock);
    }

    /** The memory backend standing in for {@code backend}, named so readiness says so. */
    public SessionStore createFallbackFor(String backend) {
        return new MemorySessionStore("memory (fallback from " + backend + ")", policy,
                config.maxSessions(), clock);
    }
}
