package io.dx0.session.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL for tests: the server at {@code POSTGRES_TEST_URL} (a JDBC URL of a role that
 * may create databases) when set, else an embedded server from a Maven artifact, started once per
 * test JVM. Every caller gets a database of its own.
 */
public final class PostgresServer {

    private static EmbeddedPostgres embedded;

    private PostgresServer() {
    }

    /** A fresh, empty database: its JDBC URL, user and password. */
    public record Database(String url, String user, String password) {

        /** The settings that make a service use this database, as config keys. */
        public Map<String, String> config() {
            return Map.of("session.backend", "postgres", "quarkus.datasource.jdbc.url", url,
                    "quarkus.datasource.username", user, "quarkus.datasource.password", password);
        }

        /** The same settings as environment variables, for a packaged service. */
        public Map<String, String> environment() {
            Map<String, String> env = new HashMap<>();
            config().forEach((key, value) -> env.put(key.toUpperCase(Locale.ROOT).replaceAll("[.-]", "_"), value));
            return env;
        }

        public DataSource dataSource() {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setURL(url);
            ds.setUser(user);
            ds.setPassword(password);
            return ds;
        }
    }

    public static synchronized Database newDatabase() {
        String name = "dx0_test_" + UUID.randomUUID().toString().replace("-", "");
        String adminUrl = System.getenv("POSTGRES_TEST_URL");
        String user = "postgres";
        String password = "";
        if (adminUrl == null) {
            adminUrl = embedded().getJdbcUrl("postgres", "postgres");
        }
        try (Connection c = DriverManager.getConnection(adminUrl, user, password); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database: " + e.getMessage(), e);
        }
        return new Database(adminUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1"), user, password);
    }

    /**
     * A fresh database where the application connects as a plain role: no superuser, no right to
     * create anything outside the one schema it owns (its search_path).
     */
    public static synchronized Database newDatabaseForPlainRole() {
        Database admin = newDatabase();
        String role = "dx0_app_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String password = UUID.randomUUID().toString();
        try (Connection c = DriverManager.getConnection(admin.url(), admin.user(), admin.password());
                Statement st = c.createStatement()) {
            st.execute("CREATE ROLE " + role + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '" + password + "'");
            st.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC");
            st.execute("CREATE SCHEMA dx0 AUTHORIZATION " + role);
            st.execute("ALTER ROLE " + role + " SET search_path = dx0");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test role: " + e.getMessage(), e);
        }
        return new Database(admin.url(), role, password);
    }

    private static EmbeddedPostgres embedded() {
        if (embedded == null) {
            try {
                embedded = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        }
        return embedded;
    }
}
