package io.dx0.session.storage.jdbc;

import static io.dx0.session.storage.jdbc.SessionRows.bind;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.dx0.session.login.FailingGate;
import io.dx0.session.login.FailureCount;
import io.dx0.session.login.GateDecision;
import io.dx0.session.login.GateRule;
import io.dx0.session.login.Settlement;

/**
 * Login gates in SQL: failures in {@code failure_events}, attempts being checked in
 * {@code login_in_flight}. A row in {@code failure_keys} is locked for the transaction, so each
 * decision about one key is one step (SQLite: the one writer does it).
 */
final class FailureLogs {

    private final Dialect dialect;

    FailureLogs(Dialect dialect) {
        this.dialect = dialect;
    }

    /** Counts inside the window after dropping what left it: {count, oldest, newest}. */
    private long[] window(Connection c, String key, long now, long window) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM failure_events WHERE failure_key = ? AND at <= ?")) {
            bind(del, key, now - window).executeUpdate();
        }
        try (PreparedStatement st = c.prepareStatement(
                "SELECT COUNT(*), MIN(at), MAX(at) FROM failure_events WHERE failure_key = ?")) {
            try (ResultSet rs = bind(st, key).executeQuery()) {
                rs.next();
                return new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3) };
            }
        }
    }

    private void lock(Connection c, String key, long keepUntil) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO failure_keys (failure_key, expires_at) VALUES (?, ?)"
                + " ON CONFLICT (failure_key) DO UPDATE SET expires_at = excluded.expires_at")) {
            bind(st, key, keepUntil).executeUpdate();
        }
        if (!dialect.lockRows().isEmpty()) {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT failure_key FROM failure_keys WHERE failure_key = ?" + dialect.lockRows())) {
                bind(st, key).executeQuery().close();
            }
        }
    }

    FailureCount count(Connection c, String key, long now, long window) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT COUNT(*), MIN(at) FROM failure_events WHERE failure_key = ? AND at > ?")) {
            try (ResultSet rs = bind(st, key, now - window).executeQuery()) {
                rs.next();
                int count = rs.getInt(1);
                return count == 0 ? FailureCount.NONE : new FailureCount(count, rs.getLong(2) + window - now);
            }
        }
    }

    /** The gates of one kind with at least {@code atLeast} failures inside the window, newest failure first. */
    List<FailingGate> failing(Connection c, String kind, int atLeast, long now, long window, int max)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT failure_key, COUNT(*), MIN(at), MAX(at) FROM failure_events"
                + " WHERE substr(failure_key, 1, CAST(? AS INTEGER)) = ? AND at > ? GROUP BY failure_key"
                + " HAVING COUNT(*) >= ? ORDER BY MAX(at) DESC LIMIT ?")) {
            List<FailingGate> found = new ArrayList<>();
            try (ResultSet rs = bind(st, kind.length(), kind, now - window, atLeast, max).executeQuery()) {
                while (rs.next()) {
                    found.add(new FailingGate(rs.getString(1), rs.getInt(2), now - rs.getLong(3), now - rs.getLong(4)));
                }
            }
            return found;
        }
    }

    GateDecision admit(Connection c, String key, long now, GateRule rule, String attemptId) throws SQLException {
        long window = rule.window().toMillis();
        long lease = rule.lease().toMillis();
        lock(c, key, now + Math.max(window, lease));
        long[] w = window(c, key, now, window);
        int count = (int) w[0];
        long closed = rule.closedFor(count, w[1], w[2], now);
        if (closed > 0) {
            return GateDecision.locked(count, closed);
        }
        try (PreparedStatement del = c.prepareStatement(
                "DELETE FROM login_in_flight WHERE failure_key = ? AND expires_at <= ?")) {
            bind(del, key, now).executeUpdate();
        }
        try (PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM login_in_flight WHERE failure_key = ?")) {
            try (ResultSet rs = bind(st, key).executeQuery()) {
                rs.next();
                if (rs.getInt(1) >= rule.maxInFlight()) {
                    return GateDecision.busy(count);
                }
            }
        }
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO login_in_flight (failure_key, attempt_id, expires_at) VALUES (?, ?, ?)")) {
            bind(st, key, attemptId, now + lease).executeUpdate();
        }
        return GateDecision.admitted(count);
    }

    void settle(Connection c, String key, long now, GateRule rule, String attemptId, Settlement settlement, String tag)
            throws SQLException {
        long window = rule.window().toMillis();
        lock(c, key, now + window);
        try (PreparedStatement st = c.prepareStatement(
                "DELETE FROM login_in_flight WHERE failure_key = ? AND attempt_id = ?")) {
            bind(st, key, attemptId).executeUpdate();
        }
        switch (settlement) {
            case FAILED -> recordFailure(c, key, now, window, rule.kept(), tag);
            case SUCCEEDED -> {
                String sql = "DELETE FROM failure_events WHERE failure_key = ?" + (tag == null ? "" : " AND tag = ?");
                try (PreparedStatement st = c.prepareStatement(sql)) {
                    (tag == null ? bind(st, key) : bind(st, key, tag)).executeUpdate();
                }
            }
            case WITHDRAWN -> {
            }
        }
    }

    private void recordFailure(Connection c, String key, long now, long window, int kept, String tag)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO failure_events (failure_key, at, expires_at, tag) VALUES (?, ?, ?, ?)")) {
            bind(st, key, now, now + window, tag == null ? "" : tag).executeUpdate();
        }
        try (PreparedStatement st = c.prepareStatement("DELETE FROM failure_events WHERE failure_key = ? AND at < "
                + "(SELECT at FROM failure_events WHERE failure_key = ? ORDER BY at DESC LIMIT 1 OFFSET ?)")) {
            bind(st, key, key, kept - 1).executeUpdate();
        }
    }

    void clear(Connection c, String key) throws SQLException {
        try (PreparedStatement a = c.prepareStatement("DELETE FROM failure_events WHERE failure_key = ?");
                PreparedStatement b = c.prepareStatement("DELETE FROM failure_keys WHERE failure_key = ?")) {
            bind(a, key).executeUpdate();
            bind(b, key).executeUpdate();
        }
    }
}
