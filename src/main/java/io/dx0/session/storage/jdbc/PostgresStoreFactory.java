package io.dx0.session.storage.jdbc;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.dx0.session.config.SessionConfig;
import io.dx0.session.storage.backend.SessionPolicy;
import io.dx0.session.storage.backend.SessionStore;
import io.dx0.session.storage.backend.SessionStoreFactory;
import io.smallrye.mutiny.infrastructure.Infrastructure;

@ApplicationScoped
public class PostgresStoreFactory implements SessionStoreFactory {

    private final SessionConfig config;
    private final SessionPolicy policy;
    /** Looked up only when this backend is chosen; the datasource is inactive otherwise (DatasourceActivation). */
    private final Instance<AgroalDataSource> dataSource;
    private final ObjectMapper json;
    private final Clock clock;

    PostgresStoreFactory(SessionConfig config, SessionPolicy policy, Instance<AgroalDataSource> dataSource, ObjectMapper json,
            Clock clock) {
        this.config = config;
        this.policy = policy;
        this.dataSource = dataSource;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String backend() {
        return "postgres";
    }

    @Override
    public SessionStore create() {
        JdbcSessionStore store = new JdbcSessionStore(backend(),
                new PooledDatabase(dataSource.get(), Infrastructure.getDefaultWorkerPool(), config.storeTimeout()),
                policy, json, clock);
        store.migrate().await().atMost(JdbcSessionStore.MIGRATION_DEADLINE);
        return store;
    }
}
