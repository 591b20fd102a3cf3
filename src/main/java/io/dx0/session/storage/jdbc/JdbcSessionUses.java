package io.dx0.session.storage.jdbc;

import static io.dx0.session.storage.jdbc.SessionRows.bind;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import io.dx0.session.chat.RateDecision;
import io.dx0.session.chat.SessionUse;
import io.dx0.session.chat.SessionUses;
import io.dx0.session.session.Session;
import io.smallrye.mutiny.Uni;

/** A session's use in SQL: the slide and the sliding window over its rate events in one transaction. */
final class JdbcSessionUses implements SessionUses {

    private final JdbcCalls calls;
    private final SessionSql sql;

    JdbcSessionUses(JdbcCalls calls, SessionSql sql) {
        this.calls = calls;
        this.sql = sql;
    }

    @Override
    public Uni<SessionUse> use(String sessionId, int limit, Duration window, boolean record) {
        return calls.tx(c -> {
            long now = calls.millis();
            Session session = sql.slide(c, sessionId, now);
            return session == null ? null
                    : new SessionUse(session, rate(c, sessionId, now, limit, window.toMillis(), record));
        });
    }

    /**
     * The sliding window over the session's rate events. The caller's {@code UPDATE} of the session
     * row (the slide) holds the row lock, so concurrent uses of one session are serialized.
     */
    private static RateDecision rate(Connection c, String sessionId, long now, int limit, long window,
            boolean record) throws SQLException {
        if (record) {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM rate_events WHERE session_id = ? AND at <= ?")) {
                bind(del, sessionId, now - window).executeUpdate();
            }
        }
        long count;
        long oldest;
        try (PreparedStatement st = c.prepareStatement(
                "SELECT COUNT(*), MIN(at) FROM rate_events WHERE session_id = ? AND at > ?");
                ResultSet rs = bind(st, sessionId, now - window).executeQuery()) {
            rs.next();
            count = rs.getLong(1);
            oldest = rs.getLong(2);
        }
        if (count >= limit) {
            return new RateDecision(false, 0, Math.max(1, oldest + window - now));
        }
        if (record) {
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO rate_events (session_id, at, expires_at) VALUES (?, ?, ?)")) {
                bind(st, sessionId, now, now + window).executeUpdate();
            }
            count++;
        }
        return new RateDecision(true, (int) (limit - count), 0);
    }
}
