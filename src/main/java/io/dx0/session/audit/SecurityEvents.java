package io.dx0.session.audit;

import java.time.Duration;

import io.smallrye.mutiny.Uni;

/**
 * The security events every replica logged, kept a while in the shared store so an operator can read
 * what just happened anywhere: bounded by age and by count (a capped Redis stream, a purged table, a
 * ring in memory).
 */
public interface SecurityEvents {

    /**
     * Keeps {@code event} (its id is given here) on {@code shelf} for {@code keptFor}, dropping that shelf's
     * oldest past {@code maxKept}; the other shelf is never touched.
     */
    Uni<Void> keep(KeptEvent event, EventShelf shelf, Duration keptFor, int maxKept);

    /**
     * The kept events of every shelf {@code query} matches, newest first, at most {@code query.limit()}; a backend that
     * bounds how much one read looks at says where it stopped.
     */
    Uni<EventPage> recent(EventQuery query);
}
