package io.dx0.session.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** The little that differs between the SQL backends. */
public enum Dialect {
    /** Row locks with {@code FOR UPDATE}; many connections. */
    POSTGRES(" FOR UPDATE") {
        /** A transaction-scoped advisory lock on the name's hash: other rows and users are not held up. */
        @Override
        void lockUser(Connection connection, String username) throws SQLException {
            try (PreparedStatement st = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                st.setString(1, "dx0-user:" + username);
                st.executeQuery().close();
            }
        }
    },
    /** One writer: every transaction begins IMMEDIATE on the one connection, so no row lock is needed. */
    SQLITE("") {
        @Override
        void lockUser(Connection connection, String username) {
        }
    };

    private final String lockRows;

    Dialect(String lockRows) {
        this.lockRows = lockRows;
    }

    /** Appended to a SELECT that reads rows the transaction will write. */
    String lockRows() {
        return lockRows;
    }

    /** Holds every other transaction that locks this user's sessions until this one ends. */
    abstract void lockUser(Connection connection, String username) throws SQLException;
}
