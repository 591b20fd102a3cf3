package io.dx0.session.it;

import java.util.Map;

import io.dx0.session.testsupport.PostgresServer;

/** The two replicas on one PostgreSQL: ends announced by LISTEN/NOTIFY, gates and budgets in row-locking transactions. */
class TwoReplicasOnPostgresIT extends TwoReplicasContract {

    @Override
    protected Map<String, String> startBackend() {
        return PostgresServer.newDatabase().environment();
    }

    /** The database goes with the embedded server when the test JVM ends. */
    @Override
    protected void stopBackend() {
    }
}
