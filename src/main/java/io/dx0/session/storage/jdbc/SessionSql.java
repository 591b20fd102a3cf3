package io.dx0.session.storage.jdbc;

import static io.dx0.session.storage.jdbc.SessionRows.COLUMNS;
import static io.dx0.session.storage.jdbc.SessionRows.bind;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import io.dx0.session.session.Session;

/** The statements on a session's rows that several capabilities share: sliding its expiry, ending it. */
final class SessionSql {

    final SessionRows rows;
    final SessionEnds ends;
    private final long idle;

    SessionSql(SessionRows rows, SessionEnds ends, long idleMillis) {
        this.rows = rows;
        this.ends = ends;
        this.idle = idleMillis;
    }

    long idleMillis() {
        return idle;
    }

    /** Slides a live session's idle expiry (never past its absolute one); null when gone. */
    Session slide(Connection c, String sessionId, long now) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE sessions SET last_access = ?, expires_at = "
                + "CASE WHEN ? < absolute_expiry THEN ? ELSE absolute_expiry END "
                + "WHERE id = ? AND expires_at > ? RETURNING " + COLUMNS)) {
            return rows.one(bind(st, now, now + idle, now + idle, sessionId, now));
        }
    }

    /** Deletes a session and, when it was live, records its end for the other replicas in the same transaction. */
    boolean end(Connection c, String sessionId, long now) throws SQLException {
        int live;
        try (PreparedStatement st = c.prepareStatement("DELETE FROM sessions WHERE id = ? AND expires_at > ?")) {
            live = bind(st, sessionId, now).executeUpdate();
        }
        for (String table : List.of("rotated_refresh", "charge_keys", "rate_events")) {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM " + table + " WHERE session_id = ?")) {
                bind(st, sessionId).executeUpdate();
            }
        }
        if (live > 0) {
            ends.record(c, sessionId, now);
        }
        return live > 0;
    }
}
