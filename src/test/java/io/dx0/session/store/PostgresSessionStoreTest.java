package io.dx0.session.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.dx0.session.domain.Budget;
import io.dx0.session.domain.ChargeOutcome;
import io.dx0.session.domain.Session;
import io.dx0.session.store.jdbc.JdbcSessionStore;
import io.dx0.session.store.jdbc.PooledDatabase;
import io.dx0.session.testsupport.PostgresServer;

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
    protected SessionStore newStore() {
        database = PostgresServer.newDatabase();
        return storeOn(database, DEADLINE);
    }

    private JdbcSessionStore storeOn(PostgresServer.Database db, Duration deadline) {
        JdbcSessionStore store = new JdbcSessionStore("postgres", new PooledDatabase(db.dataSource(), workers, deadline),
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
