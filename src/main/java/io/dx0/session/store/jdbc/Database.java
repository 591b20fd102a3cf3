package io.dx0.session.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

import io.smallrye.mutiny.Uni;

/** Where the SQL backends run their blocking JDBC work: in one transaction, never on the event loop. */
public interface Database extends AutoCloseable {

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    Dialect dialect();

    /** Runs {@code work} in one transaction on a worker thread; commits, or rolls back on any failure. */
    <T> Uni<T> transaction(Work<T> work);

    @Override
    void close();

    /**
     * Commit-or-rollback around {@code work}, shared by the implementations; an {@link SQLException}
     * leaves as {@link SqlFailure}, which the store reports as the backend being unavailable.
     */
    static <T> T inTransaction(Connection connection, Work<T> work) {
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new SqlFailure(e);
        }
    }
}
