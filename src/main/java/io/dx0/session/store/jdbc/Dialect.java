package io.dx0.session.store.jdbc;

/** The little that differs between the SQL backends. */
public enum Dialect {
    /** Row locks with {@code FOR UPDATE}; many connections. */
    POSTGRES(" FOR UPDATE"),
    /** One writer: every transaction begins IMMEDIATE on the one connection, so no row lock is needed. */
    SQLITE("");

    private final String lockRows;

    Dialect(String lockRows) {
        this.lockRows = lockRows;
    }

    /** Appended to a SELECT that reads rows the transaction will write. */
    String lockRows() {
        return lockRows;
    }
}
