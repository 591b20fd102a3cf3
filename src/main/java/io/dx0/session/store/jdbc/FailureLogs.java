package io.dx0.session.store.jdbc;

import static io.dx0.session.store.jdbc.SessionRows.bind;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import io.dx0.session.store.Backoff;
import io.dx0.session.store.FailureCount;

/**
 * Failed-login logs in SQL. A row in {@code failure_keys} is locked for the transaction, so the
 * count-then-record of one key is one step (SQLite: the one writer does it).
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

    private void lock(Connection c, String key, long now, long window) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO failure_keys (failure_key, expires_at) VALUES (?, ?)"
                + " ON CONFLICT (failure_key) DO UPDATE SET expires_at = excluded.expires_at")) {
            bind(st, key, now + window).executeUpdate();
        }
        if (!dialect.lockRows().isEmpty()) {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT failure_key FROM failure_keys WHERE failure_key = ?" + dialect.lockRows())) {
                bind(st, key).executeQuery().close();
            }
        }
    }

    private void add(Connection c, String key, long now, long window) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO failure_events (failure_key, at, expires_at) VALUES (?, ?, ?)")) {
            bind(st, key, now, now + window).executeUpdate();
        }
    }

    FailureCount count(Connection c, String key, long now, long window) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT COUNT(*), MIN(at) FROM failure_events WHERE failure_key = ? AND at > ?")) {
            try (ResultSet rs = bind(st, key, now - window).executeQuery()) {
                rs.next();
                int count = rs.getInt(1);
                return count == 0 ? FailureCount.NONE : new FailureCount(count, rs.getLong(2) + window - now, false);
            }
        }
    }

    FailureCount recordCapped(Connection c, String key, long now, long window, int cap) throws SQLException {
        lock(c, key, now, window);
        long[] w = window(c, key, now, window);
        if (w[0] >= cap) {
            return new FailureCount((int) w[0], w[1] + window - now, false);
        }
        add(c, key, now, window);
        long oldest = w[0] == 0 ? now : w[1];
        return new FailureCount((int) w[0] + 1, oldest + window - now, true);
    }

    FailureCount recordWithBackoff(Connection c, String key, long now, long window, long base, long max, int kept)
            throws SQLException {
        lock(c, key, now, window);
        long[] w = window(c, key, now, window);
        if (w[0] > 0) {
            long wait = w[2] + Backoff.delay((int) w[0], base, max) - now;
            if (wait > 0) {
                return new FailureCount((int) w[0], wait, false);
            }
        }
        add(c, key, now, window);
        int count = (int) Math.min(w[0] + 1, kept);
        if (w[0] + 1 > kept) {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM failure_events WHERE failure_key = ? AND at < "
                    + "(SELECT at FROM failure_events WHERE failure_key = ? ORDER BY at DESC LIMIT 1 OFFSET ?)")) {
                bind(st, key, key, kept - 1).executeUpdate();
            }
        }
        return new FailureCount(count, Backoff.delay(count, base, max), true);
    }

    void clear(Connection c, String key) throws SQLException {
        try (PreparedStatement a = c.prepareStatement("DELETE FROM failure_events WHERE failure_key = ?");
                PreparedStatement b = c.prepareStatement("DELETE FROM failure_keys WHERE failure_key = ?")) {
            bind(a, key).executeUpdate();
            bind(b, key).executeUpdate();
        }
    }
}
