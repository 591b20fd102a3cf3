package io.dx0.session.storage.jdbc;

import static io.dx0.session.storage.jdbc.SessionRows.bind;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;

import io.dx0.session.storage.StoreUnavailableException;
import io.smallrye.mutiny.Uni;

/** What every SQL adapter shares: the database, the clock, and one transaction per call. */
final class JdbcCalls {

    final String name;
    final Database db;
    private final Clock clock;

    JdbcCalls(String name, Database db, Clock clock) {
        this.name = name;
        this.db = db;
        this.clock = clock;
    }

    long millis() {
        return clock.millis();
    }

    /** {@code work} in one transaction on a worker thread; an SQL failure as {@link StoreUnavailableException}. */
    <T> Uni<T> tx(Database.Work<T> work) {
        return db.transaction(work).onFailure(SqlFailure.class)
                .transform(e -> new StoreUnavailableException(name, e.getCause()));
    }

    /**
     * Writes {@code value} under {@code key} in a table of (key, value, expires_at) rows, replacing what was
     * there, kept for {@code keptFor}. The table and column names are the callers' constants.
     */
    Void keep(Connection c, String table, String keyColumn, String valueColumn, String key, long value,
            Duration keptFor) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO " + table + " (" + keyColumn + ", " + valueColumn
                + ", expires_at) VALUES (?, ?, ?) ON CONFLICT (" + keyColumn + ") DO UPDATE SET " + valueColumn
                + " = excluded." + valueColumn + ", expires_at = excluded.expires_at")) {
            bind(st, key, value, millis() + keptFor.toMillis()).executeUpdate();
        }
        return null;
    }
}
