package io.dx0.session.store;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.dx0.session.store.jdbc.JdbcSessionStore;
import io.dx0.session.store.jdbc.PooledDatabase;
import io.dx0.session.testsupport.PostgresServer;

/** The contract against a real PostgreSQL, each test on a database of its own (its clock starts anew). */
class PostgresSessionStoreTest extends JdbcStoreContract {

    private static ExecutorService workers;

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
        JdbcSessionStore store = new JdbcSessionStore("postgres", new PooledDatabase(PostgresServer.newDatabase().dataSource(), workers),
                POLICY, new ObjectMapper(), clock);
        await(store.migrate());
        return store;
    }
}
