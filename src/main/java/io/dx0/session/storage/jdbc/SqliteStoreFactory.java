package io.dx0.session.storage.jdbc;

import java.nio.file.Path;
import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.dx0.session.storage.backend.SessionPolicy;
import io.dx0.session.storage.backend.SessionStore;
import io.dx0.session.storage.backend.SessionStoreFactory;

@ApplicationScoped
public class SqliteStoreFactory implements SessionStoreFactory {

    private final SqliteSettings config;
    private final SessionPolicy policy;
    private final ObjectMapper json;
    private final Clock clock;

    SqliteStoreFactory(SqliteSettings config, SessionPolicy policy, ObjectMapper json, Clock clock) {
        this.config = config;
        this.policy = policy;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String backend() {
        return "sqlite";
    }

    @Override
    public SessionStore create() {
        JdbcSessionStore store = new JdbcSessionStore(backend(), new SqliteDatabase(Path.of(config.path())),
                policy, json, clock);
        store.migrate().await().atMost(JdbcSessionStore.MIGRATION_DEADLINE);
        return store;
    }
}
