package io.dx0.session.it;

import java.util.Map;

import io.dx0.session.testsupport.PostgresServer;

/** The two replicas on one PostgreSQL: ends announced by LISTEN/NOTIFY, gates and budgets in row-locking transactions. */
class TwoReplicasOnPostgresIT extends TwoReplicasContract {

    @Override
    protected Map<String, String> startBackend() {
        PostgresServer.Database db = PostgresServer.newDatabase();
        return Map.of("SESSION_BACKEND", "postgres", "QUARKUS_DATASOURCE_JDBC_URL", db.url(),
                "QUARKUS_DATASOURCE_USERNAME", db.user(), "QUARKUS_DATASOURCE_PASSWORD", db.password());
    }

    /** The database goes with the embedded server when the test JVM ends. */
    @Override
    protected void stopBackend() {
    }
}
