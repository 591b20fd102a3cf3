package io.dx0.session.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Run as a separate process by tests: opens the SQLite file named by the first argument, takes
 * its write lock ({@code BEGIN EXCLUSIVE}), prints {@code locked}, and holds it until its standard
 * input closes.
 */
public final class SqliteLocker {

    private SqliteLocker() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + args[0]); Statement st = c.createStatement()) {
            st.execute("PRAGMA busy_timeout = 10000");
            st.execute("BEGIN EXCLUSIVE");
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the lock until the parent closes our stdin
            }
            st.execute("ROLLBACK");
        }
    }
}
