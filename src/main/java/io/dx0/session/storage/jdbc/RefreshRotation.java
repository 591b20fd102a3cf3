package io.dx0.session.storage.jdbc;

import static io.dx0.session.storage.jdbc.SessionRows.bind;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import io.dx0.session.session.Rotation;

/**
 * One refresh in one transaction: the session's row locked, the presented hash compared with the
 * current one, the one just retired (a replay within the leeway) and those retired before (a reuse,
 * which ends the session).
 */
final class RefreshRotation {

    private final SessionSql sql;
    private final Dialect dialect;

    RefreshRotation(SessionSql sql, Dialect dialect) {
        this.sql = sql;
        this.dialect = dialect;
    }

    Rotation rotate(Connection c, String sessionId, String presentedHash, String newHash, long leewayMillis,
            long now) throws SQLException {
        String current;
        long absolute;
        String previous;
        long previousAt;
        try (PreparedStatement st = c.prepareStatement("SELECT refresh_hash, absolute_expiry, previous_hash, "
                + "previous_at FROM sessions WHERE id = ? AND expires_at > ?" + dialect.lockRows());
                ResultSet rs = bind(st, sessionId, now).executeQuery()) {
            if (!rs.next()) {
                return Rotation.INVALID;
            }
            current = rs.getString(1);
            absolute = rs.getLong(2);
            previous = rs.getString(3);
            previousAt = rs.getLong(4);
        }
        boolean rotating = current.equals(presentedHash);
        if (rotating || presentedHash.equals(previous) && now - previousAt < leewayMillis) {
            // A rotation remembers the hash it retires and when; a replay keeps that memory as it is.
            String keepPrevious = rotating ? current : previous;
            long keepPreviousAt = rotating ? now : previousAt;
            try (PreparedStatement up = c.prepareStatement("UPDATE sessions SET refresh_hash = ?, previous_hash = ?, "
                    + "previous_at = ? WHERE id = ?");
                    PreparedStatement old = c.prepareStatement("INSERT INTO rotated_refresh (session_id, hash, "
                            + "expires_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                bind(up, newHash, keepPrevious, keepPreviousAt, sessionId).executeUpdate();
                bind(old, sessionId, current, absolute).executeUpdate();
            }
            return new Rotation(rotating ? Rotation.Status.ROTATED : Rotation.Status.REPLAYED,
                    sql.slide(c, sessionId, now));
        }
        try (PreparedStatement st = c.prepareStatement(
                "SELECT 1 FROM rotated_refresh WHERE session_id = ? AND hash = ?");
                ResultSet rs = bind(st, sessionId, presentedHash).executeQuery()) {
            if (!rs.next()) {
                return Rotation.INVALID;
            }
        }
        sql.end(c, sessionId, now);
        return Rotation.REUSED;
    }
}
