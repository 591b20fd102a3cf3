package io.dx0.session.storage.wiring;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.ObserverMethod;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.dx0.session.config.SessionConfig;
import io.dx0.session.storage.backend.SessionPolicy;
import io.dx0.session.storage.backend.SessionStore;
import io.dx0.session.storage.backend.SessionStoreFactory;
import io.dx0.session.storage.memory.MemoryStoreFactory;
import io.quarkus.arc.BindingsSource;
import io.quarkus.arc.InterceptionProxy;
import io.quarkus.runtime.Startup;

/**
 * Picks the backend named by {@code session.backend} at start-up, from the factories present, and
 * hands it out with its calls timed. The one bean has every capability's type ({@code Sessions},
 * {@code LoginGates}, ...), so each service injects only the one it uses.
 */
@ApplicationScoped
public class SessionStoreProducer {

    private static final Logger LOG = Logger.getLogger(SessionStoreProducer.class);

    /** How long the start waits for the chosen backend before {@code session.fallback=memory} takes over. */
    private static final Duration STARTUP_PROBE = Duration.ofSeconds(3);

    /** Created first thing at start-up, on the main thread: factories may block (migrations, the fallback probe). */
    @Produces
    @Startup(ObserverMethod.DEFAULT_PRIORITY - 100)
    @ApplicationScoped
    SessionStore sessionStore(SessionConfig config, @Any Instance<SessionStoreFactory> factories,
            MemoryStoreFactory memory,
            @BindingsSource(TimedStoreCalls.OnEveryBackend.class) InterceptionProxy<SessionStore> timed) {
        SessionStoreFactory chosen = select(config.backend(), factories.stream().toList());
        SessionStore store = "memory".equals(config.fallback()) ? reachableOrMemory(chosen, memory) : chosen.create();
        LOG.infof("Session store: %s", store.name());
        return timed.create(store);
    }

    /** On shutdown and on every dev-mode reload: the store's connections, threads and subscriptions go with it. */
    void close(@Disposes SessionStore store) {
        LOG.debugf("Closing session store %s", store.name());
        store.close();
    }

    /**
     * The chosen backend if it answers at start-up, else the memory backend, said once and loudly.
     * With {@code session.fallback=none} the service starts on the chosen backend whatever its state,
     * and readiness stays DOWN until it answers.
     */
    private static SessionStore reachableOrMemory(SessionStoreFactory chosen, MemoryStoreFactory memory) {
        SessionStore store = null;
        try {
            store = chosen.create();
            store.ping().await().atMost(STARTUP_PROBE);
            return store;
        } catch (RuntimeException e) {
            if (store != null) {
                store.close();
            }
            LOG.warnf("Session backend '%s' is unreachable at start-up (%s): running on the memory backend instead"
                    + " (session.fallback=memory). Sessions are neither shared between replicas nor kept across"
                    + " restarts.", chosen.backend(), e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
            return memory.createFallbackFor(chosen.backend());
        }
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
