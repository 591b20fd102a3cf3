package io.dx0.session.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.dx0.session.chat.ChargeOutcome;
import io.dx0.session.session.Budget;
import io.dx0.session.session.Session;
import io.dx0.session.storage.backend.SessionStore;
import io.dx0.session.storage.jdbc.JdbcSessionStore;
import io.dx0.session.storage.jdbc.PooledDatabase;
import io.dx0.session.testsupport.PostgresServer;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;

/** The contract against a real PostgreSQL, each test on a database of its own (its clock starts anew). */
class PostgresSessionStoreTest extends JdbcStoreContract {

    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static ExecutorService workers;
    private PostgresServer.Database database;

    @BeforeAll
    static void startWorkers() {
        workers = Executors.newFixedThreadPool(16);
    }

    @AfterAll
    static void stopWorkers() {
        workers.shutdownNow();
    }

    @Override
    public SessionStore newStore() {
        database = PostgresServer.newDatabase();
        return storeOn(database, DEADLINE);
    }

    /** Another replica: a store of its own (its own pool and LISTEN connection) on the same database. */
    @Override
    public SessionStore otherReplica() {
        return storeOn(database, DEADLINE);
    }

    /**
     * A replica whose listening connection is cut (a failover, an idle-connection reaper, a DBA) listens
     * again by itself and hears, read back from {@code session_ends}, the sessions ended while it was deaf.
     */
    @Test
    void aReplicaWhoseListenerWasCutHearsTheEndsItMissed() throws Exception {
        AtomicBoolean unreachable = new AtomicBoolean();
        SessionStore replica = storeOn(reachableUnless(unreachable, database.dataSource()), DEADLINE);
        AssertSubscriber<String> heard = replica.endedSessions().subscribe()
                .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        // until it listens: any probe heard, whenever its notification arrives (asking for the one just ended,
        // at once, raced the listener thread against the test's own and lost 98 times in a row on a busy JVM)
        List<String> probes = new java.util.concurrent.CopyOnWriteArrayList<>();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            Session probe = create("probe", null);
            await(store.delete(probe.id()));
            probes.add(probe.id());
            return probes.stream().anyMatch(heard.getItems()::contains);
        });

        unreachable.set(true);
        try (Connection admin = database.dataSource().getConnection();
                Statement st = admin.createStatement();
                ResultSet rs = st.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                        + " AND query IN ('LISTEN dx0_session_ended', 'SELECT 1')")) {
            assertThat(rs.next()).as("the replica's listening connection was found and cut").isTrue();
        }
        Session missed = create("alice", null);
        await(store.delete(missed.id()));
        Awaitility.await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(heard.getItems()).as("nobody listens: not heard yet")
                        .doesNotContain(missed.id()));

        unreachable.set(false);
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(heard.getItems()).as("read back once it listens again")
                        .contains(missed.id()));
        Session after = create("bob", null);
        await(store.delete(after.id()));
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(heard.getItems()).as("and heard live again").contains(after.id()));
        heard.cancel();
    }

    /** {@code dataSource}, refusing new connections while {@code unreachable} holds (a network cut, a failover). */
    private static DataSource reachableUnless(AtomicBoolean unreachable, DataSource dataSource) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] { DataSource.class },
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && unreachable.get()) {
                        throw new SQLException("connection refused (the test cut the network)", "08001");
                    }
                    try {
                        return method.invoke(dataSource, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private JdbcSessionStore storeOn(PostgresServer.Database db, Duration deadline) {
        return storeOn(db.dataSource(), deadline);
    }

    private JdbcSessionStore storeOn(DataSource dataSource, Duration deadline) {
        JdbcSessionStore store = new JdbcSessionStore("postgres", new PooledDatabase(dataSource, workers, deadline),
                POLICY, new ObjectMapper(), clock);
        await(store.migrate());
        return store;
    }

    /**
     * A session row locked by another transaction (another replica stuck mid-write, a DBA's open
     * session) makes a call wait on the lock: it is answered as the store being unavailable at its
     * deadline instead of never, and works again once the lock is gone.
     */
    @Test
    void aCallWaitingOnALockedRowFailsAtItsDeadline() throws Exception {
        Session s = create("alice", 500L);
        SessionStore shortDeadline = storeOn(database, Duration.ofMillis(500));
        try (Connection holder = database.dataSource().getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement("SELECT id FROM sessions WHERE id = ? FOR UPDATE")) {
                lock.setString(1, s.id());
                lock.executeQuery().close();
            }
            long start = System.nanoTime();
            assertThatThrownBy(() -> await(shortDeadline.charge(s.id(), 10, "cbc", "k1")))
                    .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("postgres");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(450), Duration.ofSeconds(3));
            holder.rollback();
        }
        assertThat(await(shortDeadline.charge(s.id(), 10, "cbc", "k1")).status())
                .as("the charge that timed out went through once its lock was free, so its retry is a duplicate")
                .isIn(ChargeOutcome.Status.CHARGED, ChargeOutcome.Status.DUPLICATE);
        assertThat(await(store.touch(s.id())).budget()).isEqualTo(new Budget(500L, 10));
    }
}
