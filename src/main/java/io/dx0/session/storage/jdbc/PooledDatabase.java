package io.dx0.session.storage.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import javax.sql.DataSource;

import org.jboss.logging.Logger;

import io.dx0.session.concurrency.CallerContext;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;

/**
 * A connection pool (PostgreSQL through Agroal): each transaction borrows a connection on a worker
 * thread. A transaction that has not answered within the deadline (a row lock held elsewhere, a pool
 * with no free connection, a server that stopped answering) fails as the store being unavailable,
 * so a caller always gets an answer; the work itself goes on until the database ends it, and its
 * outcome is unknown to the caller, as for a Redis call past its timeout.
 */
public final class PooledDatabase implements Database {

    private static final Logger LOG = Logger.getLogger(PooledDatabase.class);
    private final DataSource dataSource;
    private final Executor workers;
    private final Duration deadline;

    public PooledDatabase(DataSource dataSource, Executor workers, Duration deadline) {
        this.dataSource = dataSource;
        this.workers = workers;
        this.deadline = deadline;
    }

    @Override
    public Dialect dialect() {
        return Dialect.POSTGRES;
    }

    @Override
    public DataSource schemaSource() {
        return dataSource;
    }

    /** Every replica on this PostgreSQL hears the ends (LISTEN/NOTIFY). */
    @Override
    public SessionEnds sessionEnds(Clock clock) {
        return new PostgresEnds(dataSource, clock);
    }

    @Override
    public <T> Uni<T> transaction(Work<T> work) {
        Uni<T> onWorker = Uni.createFrom().item(() -> {
            try (Connection connection = dataSource.getConnection()) {
                return Database.inTransaction(connection, work);
            } catch (SQLException e) {
                throw new SqlFailure(e);
            }
        }).runSubscriptionOn(workers);
        return CallerContext.backOnCaller(onWorker, deadline).onFailure(TimeoutException.class).transform(e -> {
            LOG.warnf("PostgreSQL gave no answer within %d ms (session.store-timeout): answered as unavailable",
                    deadline.toMillis());
            return new SqlFailure(new SQLException("no answer within " + deadline.toMillis() + " ms", "57014", e));
        });
    }

    /** The pool belongs to Quarkus, which closes it. */
    @Override
    public void close() {
    }
}
