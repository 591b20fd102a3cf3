package io.dx0.session.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A database of its own on the test PostgreSQL, selected as the session backend. */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        PostgresServer.Database db = PostgresServer.newDatabase();
        return Map.of("session.backend", "postgres", "quarkus.datasource.jdbc.url", db.url(),
                "quarkus.datasource.username", db.user(), "quarkus.datasource.password", db.password());
    }

    @Override
    public void stop() {
    }
}
