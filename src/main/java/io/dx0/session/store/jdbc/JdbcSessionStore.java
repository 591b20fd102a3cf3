package io.dx0.session.store.jdbc;

import static io.dx0.session.store.jdbc.SessionRows.COLUMNS;
import static io.dx0.session.store.jdbc.SessionRows.bind;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.dx0.session.domain.Budget;
import io.dx0.session.domain.ChargeOutcome;
import io.dx0.session.domain.EventPage;
import io.dx0.session.domain.EventQuery;
import io.dx0.session.domain.EventShelf;
import io.dx0.session.domain.FailingGate;
import io.dx0.session.domain.FailureCount;
import io.dx0.session.domain.GateDecision;
import io.dx0.session.domain.GateRule;
import io.dx0.session.domain.KeptEvent;
import io.dx0.session.domain.NewSession;
import io.dx0.session.domain.RateDecision;
import io.dx0.session.domain.Rotation;
import io.dx0.session.domain.Session;
import io.dx0.session.domain.SessionQuery;
import io.dx0.session.domain.SessionUse;
import io.dx0.session.domain.Settlement;
import io.dx0.session.store.SessionPolicy;
import io.dx0.session.store.SessionStore;
import io.dx0.session.store.StoreUnavailableException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The SQL backends (PostgreSQL, SQLite). Each operation is one transaction: a single statement, or
 * a row locked with {@code FOR UPDATE} (SQLite: the one writer) and then read and written. Every
 * read filters on {@code expires_at}, so an expired row is never returned before the purge
 * removes it. Ends are announced by {@link SessionEnds}: to every replica on PostgreSQL, in-process on SQLite.
 */
public final class JdbcSessionStore implements SessionStore {

    /**
     * How long start-up waits for the schema migrations: a first start creates a few tables in
     * milliseconds, so a start that waits this long is facing a locked or unreachable database.
     */
    public static final Duration MIGRATION_DEADLINE = Duration.ofSeconds(30);

    private final String name;
    private final Database db;
    private final SessionRows rows;
    private final FailureLogs failureLogs;
    private final Clock clock;
    private final long idle;
    private final long maxLifetime;
    private final SessionEnds ends;
    /** The bound on each shelf's kept events the last keep on it asked for; the purge drops what is past it. */
    private final Map<EventShelf, Integer> maxKeptEvents = new ConcurrentHashMap<>();

    public JdbcSessionStore(String name, Database db, SessionPolicy policy, ObjectMapper json, Clock clock) {
        this.name = name;
        this.db = db;
        this.rows = new SessionRows(json);
        this.failureLogs = new FailureLogs(db.dialect());
        this.clock = clock;
        this.idle = policy.idleTimeout().toMillis();
        this.maxLifetime = policy.maxLifetime().toMillis();
        this.ends = db.sessionEnds(clock);
    }

    /** Closes the database: the SQLite connection and its thread; a pool Quarkus owns is left to Quarkus. */
    @Override
    public void close() {
        ends.close();
        db.close();
    }

    /** Creates or upgrades the schema (Flyway, on a worker thread); called once before use. */
    public Uni<Void> migrate() {
        return Uni.createFrom().item(() -> {
            Schema.migrate(db.schemaSource());
            return (Void) null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure().transform(e -> new StoreUnavailableException(name, e));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Uni<Session> create(NewSession s) {
        return tx(c -> {
            long now = clock.millis();
            long absolute = now + maxLifetime;
            try (PreparedStatement st = c.prepareStatement("INSERT INTO sessions (id, username, grp, created_at, "
                    + "last_access, expires_at, absolute_expiry, budget_limit, spent, ordered_tests, metadata, "
                    + "refresh_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, '[]', ?, ?) RETURNING " + COLUMNS)) {
                return rows.one(bind(st, s.id(), s.username(), s.group(), now, now, Math.min(now + idle, absolute),
                        absolute, Budget.storedLimit(s.budgetLimit()), rows.toJson(s.metadata()), s.refreshHash()));
            }
        });
    }

    @Override
    public Uni<Session> touch(String sessionId) {
        return tx(c -> slide(c, sessionId, clock.millis()));
    }

    private Session slide(Connection c, String sessionId, long now) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE sessions SET last_access = ?, expires_at = "
                + "CASE WHEN ? < absolute_expiry THEN ? ELSE absolute_expiry END "
                + "WHERE id = ? AND expires_at > ? RETURNING " + COLUMNS)) {
            return rows.one(bind(st, now, now + idle, now + idle, sessionId, now));
        }
    }

    @Override
    public Uni<Session> find(String sessionId) {
        return tx(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM sessions WHERE id = ? AND expires_at > ?")) {
                return rows.one(bind(st, sessionId, clock.millis()));
            }
        });
    }

    @Override
    public Uni<Boolean> delete(String sessionId) {
        return tx(c -> endSession(c, sessionId, clock.millis())).invoke(ended -> {
            if (ended) {
                ends.announce(sessionId);
            }
        });
    }

    /** Deletes a session and, when it was live, records its end for the other replicas in the same transaction. */
    private boolean endSession(Connection c, String sessionId, long now) throws SQLException {
        boolean live = deleteSession(c, sessionId, now);
        if (live) {
            ends.record(c, sessionId, now);
        }
        return live;
    }

    private boolean deleteSession(Connection c, String sessionId, long now) throws SQLException {
        int live;
        try (PreparedStatement st = c.prepareStatement("DELETE FROM sessions WHERE id = ? AND expires_at > ?")) {
            live = bind(st, sessionId, now).executeUpdate();
        }
        for (String table : List.of("rotated_refresh", "charge_keys", "rate_events")) {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM " + table + " WHERE session_id = ?")) {
                bind(st, sessionId).executeUpdate();
            }
        }
        return live > 0;
    }

    @Override
    public Uni<List<Session>> listByUsername(String username) {
        return tx(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM sessions WHERE username = ? AND expires_at > ? ORDER BY created_at")) {
                return rows.all(bind(st, username, clock.millis()));
            }
        });
    }

    @Override
    public Uni<List<Session>> page(SessionQuery query) {
        return tx(c -> {
            StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM sessions WHERE expires_at > ?");
            List<Object> params = new ArrayList<>(List.of(clock.millis()));
            if (query.prefix() != null) {
                sql.append(" AND substr(username, 1, CAST(? AS INTEGER)) = ?");
                params.add(query.prefix().length());
                params.add(query.prefix());
            }
            if (query.group() != null) {
                sql.append(" AND grp = ?");
                params.add(query.group());
            }
            if (query.before() != null) {
                sql.append(" AND (created_at < ? OR created_at = ? AND id < ?)");
                params.addAll(List.of(query.before().createdMillis(), query.before().createdMillis(), query.before().id()));
            }
            sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
            params.add(query.limit());
            try (PreparedStatement st = c.prepareStatement(sql.toString())) {
                return rows.all(bind(st, params.toArray()));
            }
        });
    }

    @Override
    public Uni<Long> countLive() {
        return tx(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM sessions WHERE expires_at > ?");
                    ResultSet rs = bind(st, clock.millis()).executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Override
    public Uni<List<String>> endOldest(String username, int keep, String opened) {
        return tx(c -> {
            long now = clock.millis();
            db.dialect().lockUser(c, username);
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
                endSession(c, id, now);
            }
            return ended;
        }).invoke(ended -> ended.forEach(ends::announce));
    }

    @Override
    public Uni<Rotation> rotateRefresh(String sessionId, String presentedHash, String newHash, Duration reuseLeeway) {
        return tx(c -> {
            long now = clock.millis();
            String current;
            long absolute;
            String previous;
            long previousAt;
            try (PreparedStatement st = c.prepareStatement("SELECT refresh_hash, absolute_expiry, previous_hash, "
                    + "previous_at FROM sessions WHERE id = ? AND expires_at > ?" + db.dialect().lockRows());
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
            if (rotating || presentedHash.equals(previous) && now - previousAt < reuseLeeway.toMillis()) {
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
                        slide(c, sessionId, now));
            }
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT 1 FROM rotated_refresh WHERE session_id = ? AND hash = ?");
                    ResultSet rs = bind(st, sessionId, presentedHash).executeQuery()) {
                if (!rs.next()) {
                    return Rotation.INVALID;
                }
            }
            endSession(c, sessionId, now);
            return Rotation.REUSED;
        }).invoke(rotation -> {
            if (rotation.status() == Rotation.Status.REUSED) {
                ends.announce(sessionId);
            }
        });
    }

    @Override
    public Uni<SessionUse> use(String sessionId, int limit, Duration window, boolean record) {
        return tx(c -> {
            long now = clock.millis();
            Session session = slide(c, sessionId, now);
            return session == null ? null
                    : new SessionUse(session, rate(c, sessionId, now, limit, window.toMillis(), record));
        });
    }

    /**
     * The sliding window over the session's rate events. The caller's {@code UPDATE} of the session
     * row (the slide) holds the row lock, so concurrent uses of one session are serialized.
     */
    private RateDecision rate(Connection c, String sessionId, long now, int limit, long window, boolean record)
            throws SQLException {
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

    @Override
    public Uni<GateDecision> admit(String key, GateRule rule, String attemptId) {
        return tx(c -> failureLogs.admit(c, key, clock.millis(), rule, attemptId));
    }

    @Override
    public Uni<Void> settle(String key, GateRule rule, String attemptId, Settlement settlement, String tag) {
        return tx(c -> {
            failureLogs.settle(c, key, clock.millis(), rule, attemptId, settlement, tag);
            return null;
        });
    }

    @Override
    public Uni<Void> mark(String key, long atMillis, Duration keptFor) {
        return tx(c -> keep(c, "dated_marks", "mark_key", "marked_at", key, atMillis, keptFor));
    }

    @Override
    public Uni<Long> markedAt(String key) {
        return tx(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT marked_at FROM dated_marks WHERE mark_key = ? AND expires_at > ?")) {
                try (ResultSet rs = bind(st, key, clock.millis()).executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    @Override
    public Uni<FailureCount> failures(String key, Duration window) {
        return tx(c -> failureLogs.count(c, key, clock.millis(), window.toMillis()));
    }

    @Override
    public Uni<List<FailingGate>> failing(String kind, int atLeast, Duration window, int max) {
        return tx(c -> failureLogs.failing(c, kind, atLeast, clock.millis(), window.toMillis(), max));
    }

    @Override
    public Uni<Void> clearFailures(String key) {
        return tx(c -> {
            failureLogs.clear(c, key);
            return null;
        });
    }

    @Override
    public Uni<ChargeOutcome> charge(String sessionId, long amount, String orderedItem, String idempotencyKey) {
        return tx(c -> {
            long now = clock.millis();
            long limit;
            long spent;
            long absolute;
            String tests;
            try (PreparedStatement st = c.prepareStatement("SELECT budget_limit, spent, absolute_expiry, ordered_tests "
                    + "FROM sessions WHERE id = ? AND expires_at > ?" + db.dialect().lockRows());
                    ResultSet rs = bind(st, sessionId, now).executeQuery()) {
                if (!rs.next()) {
                    return ChargeOutcome.NO_SESSION;
                }
                limit = rs.getLong(1);
                spent = rs.getLong(2);
                absolute = rs.getLong(3);
                tests = rs.getString(4);
            }
            Budget budget = Budget.fromStored(limit, spent);
            if (idempotencyKey != null) {
                try (PreparedStatement st = c.prepareStatement(
                        "SELECT 1 FROM charge_keys WHERE session_id = ? AND charge_key = ?");
                        ResultSet rs = bind(st, sessionId, idempotencyKey).executeQuery()) {
                    if (rs.next()) {
                        return new ChargeOutcome(ChargeOutcome.Status.DUPLICATE, budget);
                    }
                }
            }
            if (!budget.fits(amount)) {
                return new ChargeOutcome(ChargeOutcome.Status.EXCEEDED, budget);
            }
            List<String> ordered = new ArrayList<>(rows.tests(tests));
            if (orderedItem != null) {
                ordered.add(orderedItem);
            }
            try (PreparedStatement st = c.prepareStatement(
                    "UPDATE sessions SET spent = ?, ordered_tests = ? WHERE id = ?")) {
                bind(st, spent + amount, rows.toJson(ordered), sessionId).executeUpdate();
            }
            if (idempotencyKey != null) {
                try (PreparedStatement st = c.prepareStatement(
                        "INSERT INTO charge_keys (session_id, charge_key, expires_at) VALUES (?, ?, ?)")) {
                    bind(st, sessionId, idempotencyKey, absolute).executeUpdate();
                }
            }
            return new ChargeOutcome(ChargeOutcome.Status.CHARGED, Budget.fromStored(limit, spent + amount));
        });
    }

    @Override
    public Uni<Budget> setBudgetLimit(String sessionId, Long limit) {
        return updateLimit("UPDATE sessions SET budget_limit = ? WHERE id = ? AND expires_at > ? RETURNING budget_limit, spent",
                Budget.storedLimit(limit), sessionId);
    }

    @Override
    public Uni<Budget> lowerBudgetLimit(String sessionId, long limit) {
        return updateLimit("UPDATE sessions SET budget_limit = CASE WHEN budget_limit < 0 OR budget_limit > ? THEN ? "
                + "ELSE budget_limit END WHERE id = ? AND expires_at > ? RETURNING budget_limit, spent",
                limit, limit, sessionId);
    }

    /** Runs a limit UPDATE whose last parameter, appended here, is "now". */
    private Uni<Budget> updateLimit(String sql, Object... params) {
        return tx(c -> {
            Object[] all = Arrays.copyOf(params, params.length + 1);
            all[params.length] = clock.millis();
            try (PreparedStatement st = c.prepareStatement(sql); ResultSet rs = bind(st, all).executeQuery()) {
                return rs.next() ? Budget.fromStored(rs.getLong(1), rs.getLong(2)) : null;
            }
        });
    }

    @Override
    public Multi<String> endedSessions() {
        return ends.stream();
    }

    @Override
    public Uni<Void> keep(KeptEvent event, EventShelf shelf, Duration keptFor, int maxKept) {
        String id = KeptEvent.sortableId(event.atMillis(), ThreadLocalRandom.current().nextLong() >>> 1);
        return tx(c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO security_events (id, at, type, warning, usr, "
                    + "address, fields, expires_at, shelf) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                bind(st, id, event.atMillis(), event.type(), event.warning() ? 1 : 0, event.user(), event.address(),
                        rows.toJson(event.fields()), clock.millis() + keptFor.toMillis(), shelf.ordinal())
                        .executeUpdate();
            }
            maxKeptEvents.put(shelf, maxKept);
            return null;
        });
    }

    @Override
    public Uni<EventPage> recent(EventQuery query) {
        return tx(c -> {
            StringBuilder sql = new StringBuilder("SELECT id, at, type, warning, fields FROM security_events "
                    + "WHERE at >= ? AND expires_at > ?");
            List<Object> params = new ArrayList<>(List.of(query.sinceMillis(), clock.millis()));
            if (query.before() != null) {
                sql.append(" AND id < ?");
                params.add(query.before());
            }
            if (query.user() != null) {
                sql.append(" AND usr = ?");
                params.add(query.user());
            }
            if (query.address() != null) {
                sql.append(" AND address = ?");
                params.add(query.address());
            }
            if (query.type() != null) {
                if (query.type().endsWith(".")) {
                    sql.append(" AND substr(type, 1, CAST(? AS INTEGER)) = ?");
                    params.add(query.type().length());
                } else {
                    sql.append(" AND type = ?");
                }
                params.add(query.type());
            }
            sql.append(" ORDER BY id DESC LIMIT ?");
            params.add(query.limit());
            List<KeptEvent> found = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement(sql.toString());
                    ResultSet rs = bind(st, params.toArray()).executeQuery()) {
                while (rs.next()) {
                    found.add(new KeptEvent(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getInt(4) != 0,
                            rows.fields(rs.getString(5))));
                }
            }
            return EventPage.complete(found);
        });
    }

    @Override
    public Uni<Void> report(String replica, int sockets, Duration keptFor) {
        return tx(c -> keep(c, "replicas", "name", "sockets", replica, sockets, keptFor));
    }

    @Override
    public Uni<Map<String, Integer>> reported() {
        return tx(c -> {
            Map<String, Integer> found = new TreeMap<>();
            try (PreparedStatement st = c.prepareStatement("SELECT name, sockets FROM replicas WHERE expires_at > ?");
                    ResultSet rs = bind(st, clock.millis()).executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), rs.getInt(2));
                }
            }
            return found;
        });
    }

    @Override
    public Uni<Void> ping() {
        return tx(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT 1")) {
                st.executeQuery().close();
            }
            return null;
        });
    }

    @Override
    public Uni<Integer> purgeExpired() {
        return tx(c -> {
            long now = clock.millis();
            int sessions;
            try (PreparedStatement st = c.prepareStatement("DELETE FROM sessions WHERE expires_at <= ?")) {
                sessions = bind(st, now).executeUpdate();
            }
            for (String table : List.of("rotated_refresh", "charge_keys", "rate_events", "failure_events",
                    "failure_keys", "login_in_flight", "dated_marks", "session_ends", "security_events", "replicas")) {
                try (PreparedStatement st = c.prepareStatement("DELETE FROM " + table + " WHERE expires_at <= ?")) {
                    bind(st, now).executeUpdate();
                }
            }
            for (Map.Entry<EventShelf, Integer> bound : maxKeptEvents.entrySet()) {
                try (PreparedStatement st = c.prepareStatement("DELETE FROM security_events WHERE shelf = ? AND id < "
                        + "(SELECT id FROM security_events WHERE shelf = ? ORDER BY id DESC LIMIT 1 OFFSET ?)")) {
                    int shelf = bound.getKey().ordinal();
                    bind(st, shelf, shelf, bound.getValue() - 1).executeUpdate();
                }
            }
            return sessions;
        });
    }

    /**
     * Writes {@code value} under {@code key} in a table of (key, value, expires_at) rows, replacing what was
     * there, kept for {@code keptFor}. The table and column names are the callers' constants.
     */
    private Void keep(Connection c, String table, String keyColumn, String valueColumn, String key, long value,
            Duration keptFor) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO " + table + " (" + keyColumn + ", " + valueColumn
                + ", expires_at) VALUES (?, ?, ?) ON CONFLICT (" + keyColumn + ") DO UPDATE SET " + valueColumn
                + " = excluded." + valueColumn + ", expires_at = excluded.expires_at")) {
            bind(st, key, value, clock.millis() + keptFor.toMillis()).executeUpdate();
        }
        return null;
    }

    private <T> Uni<T> tx(Database.Work<T> work) {
        return db.transaction(work).onFailure(SqlFailure.class)
                .transform(e -> new StoreUnavailableException(name, e.getCause()));
    }
}
