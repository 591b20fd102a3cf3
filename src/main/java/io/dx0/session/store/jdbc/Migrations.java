package io.dx0.session.store.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.jboss.logging.Logger;

/**
 * Versioned schema migrations: the ordered files below, from {@code src/main/resources/db/}, each
 * applied once, in the caller's transaction, and recorded in {@code schema_version}. Append a file
 * to change the schema; never edit one that has shipped.
 */
final class Migrations {

    private static final Logger LOG = Logger.getLogger(Migrations.class);
    static final List<String> FILES = List.of("V1__sessions.sql", "V2__login_gates.sql", "V3__refresh_leeway.sql",
            "V4__dated_marks.sql", "V5__session_ends.sql");

    private Migrations() {
    }

    static void apply(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY)");
        }
        int current = current(connection);
        for (int version = current + 1; version <= FILES.size(); version++) {
            String file = FILES.get(version - 1);
            try (Statement st = connection.createStatement()) {
                for (String sql : read(file).split(";")) {
                    if (!sql.isBlank()) {
                        st.execute(sql);
                    }
                }
                st.execute("INSERT INTO schema_version (version) VALUES (" + version + ") ON CONFLICT DO NOTHING");
            }
            LOG.infof("Applied schema migration %s", file);
        }
    }

    private static int current(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String read(String file) {
        try (InputStream in = Migrations.class.getResourceAsStream("/db/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing migration db/" + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
