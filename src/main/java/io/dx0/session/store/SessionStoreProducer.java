package io.dx0.session.store;

import java.util.List;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.dx0.session.config.SessionConfig;
import io.quarkus.runtime.Startup;

/** Picks the backend named by {@code session.backend} at start-up, from the factories present. */
@ApplicationScoped
public class SessionStoreProducer {

    private static final Logger LOG = Logger.getLogger(SessionStoreProducer.class);

    @Produces
    @Startup
    @ApplicationScoped
    SessionStore sessionStore(SessionConfig config, @Any Instance<SessionStoreFactory> factories) {
        SessionStore store = select(config.backend(), factories.stream().toList()).create();
        LOG.infof("Session store: %s", store.name());
        return store;
    }

    /** The lifetimes every backend enforces, validated once. */
    @Produces
    @Singleton
    SessionPolicy policy(SessionConfig config) {
        return new SessionPolicy(config.idleTimeout(), config.maxLifetime());
    }

    static SessionStoreFactory select(String backend, List<SessionStoreFactory> factories) {
        return factories.stream()
                .filter(f -> f.backend().equalsIgnoreCase(backend.strip()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("session.backend='" + backend
                        + "' is not a known backend; valid values: "
                        + factories.stream().map(SessionStoreFactory::backend).sorted()
                                .collect(Collectors.joining(", "))));
    }
}
