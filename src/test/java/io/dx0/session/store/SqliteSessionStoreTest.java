package io.dx0.session.store;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.dx0.session.store.jdbc.JdbcSessionStore;
import io.dx0.session.store.jdbc.SqliteDatabase;
import io.dx0.session.testsupport.MutableClock;

/** The contract against an SQLite file in a temporary directory, one file per test. */
class SqliteSessionStoreTest extends SessionStoreContract {

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private SqliteDatabase database;

    @Override
    protected SessionStore newStore() {
        database = new SqliteDatabase(dir.resolve("nested/dir/sessions.db"));
        JdbcSessionStore store = new JdbcSessionStore("sqlite", database, POLICY, new ObjectMapper(), clock);
        await(store.migrate());
        return store;
    }

    @Override
    protected void elapse(Duration d) {
        clock.advance(d);
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }
}
