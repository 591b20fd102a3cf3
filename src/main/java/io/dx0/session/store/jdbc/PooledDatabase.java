package io.dx0.session.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Executor;

import javax.sql.DataSource;

import io.dx0.session.support.Offload;
import io.smallrye.mutiny.Uni;

/** A connection pool (PostgreSQL through Agroal): each transaction borrows a connection on a worker thread. */
public final class PooledDatabase implements Database {

    private final DataSource dataSource;
    private final Executor workers;

    public PooledDatabase(DataSource dataSource, Executor workers) {
        this.dataSource = dataSource;
        this.workers = workers;
    }

    @Override
    public Dialect dialect() {
        return Dialect.POSTGRES;
    }

    @Override
    public <T> Uni<T> transaction(Work<T> work) {
        return Offload.on(workers, () -> {
            try (Connection connection = dataSource.getConnection()) {
                return Database.inTransaction(connection, work);
            } catch (SQLException e) {
                throw new SqlFailure(e);
            }
        });
    }

    /** The pool belongs to Quarkus, which closes it. */
    @Override
    public void close() {
    }
}
