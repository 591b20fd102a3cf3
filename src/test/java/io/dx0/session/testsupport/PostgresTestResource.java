package io.dx0.session.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A database of its own on the test PostgreSQL, selected as the session backend. */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return PostgresServer.newDatabase().config();
    }

    @Override
    public void stop() {
    }
}
