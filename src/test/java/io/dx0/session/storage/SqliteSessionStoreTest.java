package io.dx0.session.storage;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.dx0.session.storage.backend.SessionStore;
import io.dx0.session.storage.jdbc.JdbcSessionStore;
import io.dx0.session.storage.jdbc.SqliteDatabase;

/** The contract against an SQLite file in a temporary directory, one file per test. */
class SqliteSessionStoreTest extends JdbcStoreContract {

    @TempDir
    Path dir;
    private SqliteDatabase database;

    @Override
    public SessionStore newStore() {
        database = new SqliteDatabase(dir.resolve("nested/dir/sessions.db"));
        JdbcSessionStore store = new JdbcSessionStore("sqlite", database, POLICY, new ObjectMapper(), clock);
        await(store.migrate());
        return store;
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }
}
