package io.dx0.session.storage.jdbc;

import static io.dx0.session.storage.jdbc.SessionRows.COLUMNS;
import static io.dx0.session.storage.jdbc.SessionRows.bind;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.dx0.session.session.Budget;
import io.dx0.session.session.NewSession;
import io.dx0.session.session.Rotation;
import io.dx0.session.session.Session;
import io.dx0.session.session.SessionQuery;
import io.dx0.session.session.Sessions;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Sessions in SQL: each operation one transaction; every read filters on {@code expires_at}, so an
 * expired row is never returned before the purge removes it.
 */
final class JdbcSessions implements Sessions {

    private final JdbcCalls calls;
    private final SessionSql sql;
    private final RefreshRotation rotation;
    private final long idle;
    private final long maxLifetime;

    JdbcSessions(JdbcCalls calls, SessionSql sql, long maxLifetimeMillis) {
        this.calls = calls;
        this.sql = sql;
        this.rotation = new RefreshRotation(sql, calls.db.dialect());
        this.idle = sql.idleMillis();
        this.maxLifetime = maxLifetimeMillis;
    }

    @Override
    public Uni<Session> create(NewSession s) {
        return calls.tx(c -> {
            long now = calls.millis();
            long absolute = now + maxLifetime;
            try (PreparedStatement st = c.prepareStatement("INSERT INTO sessions (id, username, grp, created_at, "
                    + "last_access, expires_at, absolute_expiry, budget_limit, spent, ordered_tests, metadata, "
                    + "refresh_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, '[]', ?, ?) RETURNING " + COLUMNS)) {
                return sql.rows.one(bind(st, s.id(), s.username(), s.group(), now, now, Math.min(now + idle, absolute),
                        absolute, Budget.storedLimit(s.budgetLimit()), sql.rows.toJson(s.metadata()), s.refreshHash()));
            }
        });
    }

    @Override
    public Uni<Session> touch(String sessionId) {
        return calls.tx(c -> sql.slide(c, sessionId, calls.millis()));
    }

    @Override
    public Uni<Session> find(String sessionId) {
        return calls.tx(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM sessions WHERE id = ? AND expires_at > ?")) {
                return sql.rows.one(bind(st, sessionId, calls.millis()));
            }
        });
    }

    @Override
    public Uni<Boolean> delete(String sessionId) {
        return calls.tx(c -> sql.end(c, sessionId, calls.millis())).invoke(ended -> {
            if (ended) {
                sql.ends.announce(sessionId);
            }
        });
    }

    @Override
    public Uni<List<Session>> listByUsername(String username) {
        return calls.tx(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM sessions WHERE username = ? AND expires_at > ? ORDER BY created_at")) {
                return sql.rows.all(bind(st, username, calls.millis()));
            }
        });
    }

    @Override
    public Uni<List<Session>> page(SessionQuery query) {
        return calls.tx(c -> {
            StringBuilder select = new StringBuilder("SELECT " + COLUMNS + " FROM sessions WHERE expires_at > ?");
            List<Object> params = new ArrayList<>(List.of(calls.millis()));
            if (query.prefix() != null) {
                select.append(" AND substr(username, 1, CAST(? AS INTEGER)) = ?");
                params.add(query.prefix().length());
                params.add(query.prefix());
            }
            if (query.group() != null) {
                select.append(" AND grp = ?");
                params.add(query.group());
            }
            if (query.before() != null) {
                select.append(" AND (created_at < ? OR created_at = ? AND id < ?)");
                params.addAll(List.of(query.before().createdMillis(), query.before().createdMillis(), query.before().id()));
            }
            select.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
            params.add(query.limit());
            try (PreparedStatement st = c.prepareStatement(select.toString())) {
                return sql.rows.all(bind(st, params.toArray()));
            }
        });
    }

    @Override
    public Uni<Long> countLive() {
        return calls.tx(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM sessions WHERE expires_at > ?");
                    ResultSet rs = bind(st, calls.millis()).executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Override
    public Uni<List<String>> endOldest(String username, int keep, String opened) {
        return calls.tx(c -> {
            long now = calls.millis();
            calls.db.dialect().lockUser(c, username);
            List<String> others = new ArrayList<>();
            boolean openedLive = false;
            try (PreparedStatement st = c.prepareStatement("SELECT id FROM sessions WHERE username = ? "
                    + "AND expires_at > ? ORDER BY created_at, id");
                    ResultSet rs = bind(st, username, now).executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    if (id.equals(opened)) {
                        openedLive = true;
                    } else {
                        others.add(id);
                    }
                }
            }
            int excess = others.size() + 1 - keep;
            if (!openedLive || excess <= 0) {
                return List.<String> of();
            }
            List<String> ended = new ArrayList<>(others.subList(0, excess));
            for (String id : ended) {
                sql.end(c, id, now);
            }
            return ended;
        }).invoke(ended -> ended.forEach(sql.ends::announce));
    }

    @Override
    public Uni<Rotation> rotateRefresh(String sessionId, String presentedHash, String newHash, Duration reuseLeeway) {
        return calls.tx(c -> rotation.rotate(c, sessionId, presentedHash, newHash, reuseLeeway.toMillis(),
                calls.millis())).invoke(rotated -> {
                    if (rotated.status() == Rotation.Status.REUSED) {
                        sql.ends.announce(sessionId);
                    }
                });
    }

    @Override
    public Multi<String> endedSessions() {
        return sql.ends.stream();
    }
}
