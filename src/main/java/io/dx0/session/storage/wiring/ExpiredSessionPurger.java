package io.dx0.session.storage.wiring;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.dx0.session.storage.backend.SessionStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/** Removes expired entries that a backend does not expire by itself (memory, SQL). */
@ApplicationScoped
public class ExpiredSessionPurger {

    private static final Logger LOG = Logger.getLogger(ExpiredSessionPurger.class);

    private final SessionStore store;
    private final Counter purged;

    ExpiredSessionPurger(SessionStore store, MeterRegistry registry) {
        this.store = store;
        this.purged = Counter.builder("dx0.sessions.purged")
                .description("Expired sessions removed by the scheduled purge (memory and SQL backends)")
                .register(registry);
    }

    /**
     * Every {@code session.purge-interval} (its default is SessionConfig's), delayed by one interval: the
     * first run must not race the start-up that creates the store.
     */
    @Scheduled(every = "${session.purge-interval}", delayed = "${session.purge-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> purge() {
        return store.purgeExpired()
                .invoke(removed -> {
                    purged.increment(removed);
                    if (removed > 0) {
                        LOG.debugf("Purged %d expired sessions", removed);
                    }
                })
                .onFailure().invoke(e -> LOG.warnf("Purge of expired sessions failed: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
