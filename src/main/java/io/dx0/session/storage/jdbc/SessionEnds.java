package io.dx0.session.storage.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * Where a SQL store announces the sessions it ends. This base tells this process only, which is all
 * there is on SQLite (one process owns the file); {@link PostgresEnds} also tells every other replica.
 */
class SessionEnds implements AutoCloseable {

    private final BroadcastProcessor<String> heard = BroadcastProcessor.create();

    /** Adds to the transaction that ends a session what other replicas need to hear of it. */
    void record(Connection connection, String sessionId, long nowMillis) throws SQLException {
    }

    /** After the ending transaction committed: this replica's watchers hear it. */
    final void announce(String sessionId) {
        synchronized (heard) {
            heard.onNext(sessionId);
        }
    }

    Multi<String> stream() {
        return heard;
    }

    @Override
    public void close() {
        synchronized (heard) {
            heard.onComplete();
        }
    }
}
