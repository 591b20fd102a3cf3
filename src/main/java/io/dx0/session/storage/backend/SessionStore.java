package io.dx0.session.storage.backend;

import io.dx0.session.admin.Replicas;
import io.dx0.session.audit.SecurityEvents;
import io.dx0.session.chat.Budgets;
import io.dx0.session.chat.SessionUses;
import io.dx0.session.login.DatedMarks;
import io.dx0.session.login.LoginGates;
import io.dx0.session.session.Sessions;

import io.smallrye.mutiny.Uni;

/**
 * A backend as the application wires it: every capability the services use ({@link Sessions},
 * {@link SessionUses}, {@link LoginGates}, {@link DatedMarks}, {@link Budgets}, {@link SecurityEvents}, {@link Replicas}), each implemented by
 * every backend, plus what only the backend package (selection, timing, purge) and the health check need. A service depends on the one
 * capability it uses, never on this whole.
 */
public interface SessionStore
        extends
            Sessions,
            SessionUses,
            LoginGates,
            DatedMarks,
            Budgets,
            SecurityEvents,
            Replicas,
            AutoCloseable {

    /** The backend's name as {@code session.backend} spells it. */
    String name();

    /** Succeeds when the backend answers. */
    Uni<Void> ping();

    /** Removes what has expired and is not yet gone by itself; the number of sessions removed. */
    Uni<Integer> purgeExpired();

    /**
     * Gives back what the store opened (connections, threads, subscriptions): called when the
     * application stops or dev mode reloads it. Nothing to do by default.
     */
    @Override
    default void close() {
    }
}
