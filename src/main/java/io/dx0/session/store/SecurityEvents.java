package io.dx0.session.store;

import java.time.Duration;

import io.dx0.session.domain.EventPage;
import io.dx0.session.domain.EventQuery;
import io.dx0.session.domain.KeptEvent;
import io.smallrye.mutiny.Uni;

/**
 * The security events every replica logged, kept a while in the shared store so an operator can read
 * what just happened anywhere: bounded by age and by count (a capped Redis stream, a purged table, a
 * ring in memory).
 */
public interface SecurityEvents {

    /** Keeps {@code event} (its id is given here) for {@code keptFor}, dropping the oldest past {@code maxKept}. */
    Uni<Void> keep(KeptEvent event, Duration keptFor, int maxKept);

    /**
     * The kept events {@code query} matches, newest first, at most {@code query.limit()}; a backend that
     * bounds how much one read looks at says where it stopped.
     */
    Uni<EventPage> recent(EventQuery query);
}
