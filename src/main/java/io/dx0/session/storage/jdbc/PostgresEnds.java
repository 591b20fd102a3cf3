package io.dx0.session.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import io.smallrye.mutiny.Multi;

/**
 * Ended sessions heard by every replica on one PostgreSQL: the ending transaction sends
 * {@code NOTIFY} (delivered at commit, never for a rolled-back end) and keeps a row in
 * {@code session_ends}; each replica {@code LISTEN}s on a connection of its own, on a thread of its
 * own, opened on first use.
 * <p>
 * A lost listening connection is opened again after a short, growing delay. What was ended while
 * nobody listened is then read back from {@code session_ends} (kept {@link #KEPT}), from a little
 * before the last moment the connection was known to work, so a replica misses no end it could
 * still act on. The connection is probed every {@link #PROBE}, so a silently dropped one is found
 * within seconds, not at the kernel's keep-alive.
 */
final class PostgresEnds extends SessionEnds {

    private static final Logger LOG = Logger.getLogger(PostgresEnds.class);
    static final String CHANNEL = "dx0_session_ended";
    /** How long an end is kept for replicas that were not listening. */
    static final Duration KEPT = Duration.ofMinutes(10);
    /** Clock skew between replicas, and notifications in flight when the connection dropped. */
    private static final Duration CATCH_UP_MARGIN = Duration.ofSeconds(5);
    private static final Duration PROBE = Duration.ofSeconds(5);
    private static final long POLL_MILLIS = 250;
    private static final long FIRST_RETRY_MILLIS = 100;
    private static final long MAX_RETRY_MILLIS = 5_000;

    private final DataSource dataSource;
    private final Clock clock;
    /** Tells this replica's own notifications from the others' (it has announced its own already). */
    private final String replica = UUID.randomUUID().toString();
    private final ScheduledExecutorService listener = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dx0-postgres-ends");
        t.setDaemon(true);
        return t;
    });
    private boolean started;
    private volatile boolean closed;
    /** When the listening connection was last known to work; 0 before it first did. */
    private volatile long healthyAt;
    private volatile boolean listening;
    private long retryMillis = FIRST_RETRY_MILLIS;

    PostgresEnds(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    void record(Connection connection, String sessionId, long nowMillis) throws SQLException {
        try (PreparedStatement keep = connection.prepareStatement(
                "INSERT INTO session_ends (session_id, ended_at, expires_at) VALUES (?, ?, ?)");
                PreparedStatement tell = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            SessionRows.bind(keep, sessionId, nowMillis, nowMillis + KEPT.toMillis()).executeUpdate();
            SessionRows.bind(tell, CHANNEL, replica + " " + sessionId).executeQuery().close();
        }
    }

    @Override
    Multi<String> stream() {
        synchronized (this) {
            if (!started && !closed) {
                started = true;
                listener.execute(this::listen);
            }
        }
        return super.stream();
    }

    /** Whether the listening connection is open and has said LISTEN (for tests and readiness of this feature). */
    boolean listening() {
        return listening;
    }

    /** Runs on the listener thread until the connection fails or the store closes; then schedules itself again. */
    private void listen() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            st.execute("LISTEN " + CHANNEL);
            if (healthyAt > 0) {
                int heard = catchUp(c, healthyAt - CATCH_UP_MARGIN.toMillis());
                LOG.infof("Listening again for ended sessions on PostgreSQL; %d ended meanwhile were read back", heard);
            }
            healthyAt = clock.millis();
            listening = true;
            retryMillis = FIRST_RETRY_MILLIS;
            PGConnection pg = c.unwrap(PGConnection.class);
            long probedAt = System.nanoTime();
            while (!closed) {
                PGNotification[] notifications = pg.getNotifications((int) POLL_MILLIS);
                if (notifications != null) {
                    for (PGNotification n : notifications) {
                        hear(n.getParameter());
                    }
                }
                if (System.nanoTime() - probedAt > PROBE.toNanos()) {
                    st.execute("SELECT 1");
                    probedAt = System.nanoTime();
                }
                healthyAt = clock.millis();
            }
        } catch (SQLException | RuntimeException e) {
            listening = false;
            if (closed) {
                return;
            }
            LOG.warnf("Listening for ended sessions on PostgreSQL failed (%s); trying again in %d ms. Sockets of"
                    + " sessions ended on other replicas meanwhile close once it listens again.", e.getMessage(),
                    retryMillis);
            listener.schedule(this::listen, retryMillis, TimeUnit.MILLISECONDS);
            retryMillis = Math.min(retryMillis * 2, MAX_RETRY_MILLIS);
        }
    }

    private void hear(String payload) {
        int space = payload.indexOf(' ');
        if (space > 0 && !payload.substring(0, space).equals(replica)) {
            announce(payload.substring(space + 1));
        }
    }

    private int catchUp(Connection c, long sinceMillis) throws SQLException {
        int heard = 0;
        try (PreparedStatement st = c.prepareStatement("SELECT session_id FROM session_ends WHERE ended_at >= ?");
                ResultSet rs = SessionRows.bind(st, sinceMillis).executeQuery()) {
            while (rs.next()) {
                announce(rs.getString(1));
                heard++;
            }
        }
        return heard;
    }

    @Override
    public void close() {
        closed = true;
        listener.shutdownNow();
        super.close();
    }
}
