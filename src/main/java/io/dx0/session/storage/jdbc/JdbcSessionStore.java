package io.dx0.session.storage.jdbc;

import static io.dx0.session.storage.jdbc.SessionRows.bind;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.dx0.session.storage.StoreUnavailableException;
import io.dx0.session.storage.backend.BackendStore;
import io.dx0.session.storage.backend.SessionPolicy;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The SQL backends (PostgreSQL, SQLite), one adapter per capability. Each operation is one transaction:
 * a single statement, or a row locked with {@code FOR UPDATE} (SQLite: the one writer) and then read and
 * written. Ends are announced by {@link SessionEnds}: to every replica on PostgreSQL, in-process on SQLite.
 */
public final class JdbcSessionStore extends BackendStore {

    /**
     * How long start-up waits for the schema migrations: a first start creates a few tables in
     * milliseconds, so a start that waits this long is facing a locked or unreachable database.
     */
    public static final Duration MIGRATION_DEADLINE = Duration.ofSeconds(30);

    private final JdbcCalls calls;
    private final SessionEnds ends;
    private final JdbcSecurityEvents events;

    public JdbcSessionStore(String name, Database db, SessionPolicy policy, ObjectMapper json, Clock clock) {
        this(new JdbcCalls(name, db, clock), new SessionSql(new SessionRows(json), db.sessionEnds(clock),
                policy.idleTimeout().toMillis()), policy.maxLifetime().toMillis());
    }

    private JdbcSessionStore(JdbcCalls calls, SessionSql sql, long maxLifetime) {
        this(calls, sql, maxLifetime, new JdbcSecurityEvents(calls, sql.rows));
    }

    private JdbcSessionStore(JdbcCalls calls, SessionSql sql, long maxLifetime, JdbcSecurityEvents events) {
        super(new JdbcSessions(calls, sql, maxLifetime), new JdbcSessionUses(calls, sql),
                new JdbcLoginGates(calls), new JdbcDatedMarks(calls), new JdbcBudgets(calls, sql.rows), events,
                new JdbcReplicas(calls));
        this.calls = calls;
        this.ends = sql.ends;
        this.events = events;
    }

    /** Closes the database: the SQLite connection and its thread; a pool Quarkus owns is left to Quarkus. */
    @Override
    public void close() {
        ends.close();
        calls.db.close();
    }

    /** Creates or upgrades the schema (Flyway, on a worker thread); called once before use. */
    public Uni<Void> migrate() {
        return Uni.createFrom().item(() -> {
            Schema.migrate(calls.db.schemaSource());
            return (Void) null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure().transform(e -> new StoreUnavailableException(calls.name, e));
    }

    @Override
    public String name() {
        return calls.name;
    }

    @Override
    public Uni<Void> ping() {
        return calls.tx(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT 1")) {
                st.executeQuery().close();
            }
            return null;
        });
    }

    /** Deletes every expired row of every table, and each event shelf's rows past its bound. */
    @Override
    public Uni<Integer> purgeExpired() {
        return calls.tx(c -> {
            long now = calls.millis();
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
            events.trim(c);
            return sessions;
        });
    }
}
