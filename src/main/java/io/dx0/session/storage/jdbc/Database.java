package io.dx0.session.storage.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import javax.sql.DataSource;

import io.smallrye.mutiny.Uni;

/** Where the SQL backends run their blocking JDBC work: in one transaction, never on the event loop. */
public interface Database extends AutoCloseable {

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    Dialect dialect();

    /** Where Flyway migrates the schema: connections of its own to the same database. */
    DataSource schemaSource();

    /** How the sessions a store on this database ends are announced: to this process only, by default. */
    default SessionEnds sessionEnds(Clock clock) {
        return new SessionEnds();
    }

    /** Runs {@code work} in one transaction on a worker thread; commits, or rolls back on any failure. */
    <T> Uni<T> transaction(Work<T> work);

    @Override
    void close();

    /**
     * Commit-or-rollback around {@code work}, shared by the implementations; an {@link SQLException}
     * leaves as {@link SqlFailure}, which the store reports as the backend being unavailable. The
     * connection is always handed back in auto-commit mode, even when the transaction could not
     * begin: SQLite's driver marks it non-auto-commit before its {@code BEGIN} runs, so a
     * {@code BEGIN} refused by a locked file would otherwise leave the next transaction running
     * without one ("cannot commit - no transaction is active").
     */
    static <T> T inTransaction(Connection connection, Work<T> work) {
        try {
            connection.setAutoCommit(false);
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(connection, e);
            throw e instanceof SQLException sql ? new SqlFailure(sql) : (RuntimeException) e;
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException ignored) {
                // No transaction to end (it never began, or the rollback ended it): the mode is reset anyway.
            }
        }
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException rollback) {
            cause.addSuppressed(rollback);
        }
    }
}
