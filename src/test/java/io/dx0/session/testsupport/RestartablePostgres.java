package io.dx0.session.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server of one test's own (embedded, from a Maven artifact) that the test may stop
 * and start again on the same port and data directory, as an operator restarts a database.
 */
public final class RestartablePostgres implements AutoCloseable {

    private final int port;
    private final Path data;
    private EmbeddedPostgres server;

    private RestartablePostgres(int port, Path data) {
        this.port = port;
        this.data = data;
    }

    public static RestartablePostgres start() {
        try {
            RestartablePostgres pg = new RestartablePostgres(RedisServer.freePort(), Files.createTempDirectory("dx0-pg-"));
            pg.restart();
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public void stop() {
        try {
            if (server != null) {
                server.close();
                server = null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts it (again), keeping the data written before. */
    public void restart() {
        try {
            server = EmbeddedPostgres.builder().setPort(port).setDataDirectory(data).setCleanDataDirectory(false).start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    /** Cuts every other session's connection, as a failover or an administrator's kill does. */
    public int terminateOtherConnections() {
        try (Connection c = DriverManager.getConnection(jdbcUrl(), "postgres", "postgres");
                Statement st = c.createStatement();
                var rs = st.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                        + "WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
