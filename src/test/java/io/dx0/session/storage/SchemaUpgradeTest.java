package io.dx0.session.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.dx0.session.session.NewSession;
import io.dx0.session.storage.backend.SessionPolicy;
import io.dx0.session.storage.jdbc.Database;
import io.dx0.session.storage.jdbc.JdbcSessionStore;
import io.dx0.session.storage.jdbc.PooledDatabase;
import io.dx0.session.storage.jdbc.SqliteDatabase;
import io.dx0.session.testsupport.PostgresServer;

/**
 * A database the service migrated before Flyway (versions 1–4 in its own {@code schema_version})
 * is taken over as it is: Flyway starts from version 4, applies only what is newer, and the rows
 * written before stay readable. A new database gets every version from Flyway.
 */
class SchemaUpgradeTest {

    private static final SessionPolicy POLICY = new SessionPolicy(Duration.ofHours(1), Duration.ofHours(12));
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void anSqliteFileMigratedBeforeFlywayKeepsItsRows() throws Exception {
        Path file = dir.resolve("sessions.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            migrateTheOldWay(c);
        }
        try (Database db = new SqliteDatabase(file)) {
            upgradeAndUse(db, () -> DriverManager.getConnection("jdbc:sqlite:" + file));
        }
    }

    @Test
    void aPostgresDatabaseMigratedBeforeFlywayKeepsItsRows() throws Exception {
        PostgresServer.Database pg = PostgresServer.newDatabase();
        try (Connection c = pg.dataSource().getConnection()) {
            migrateTheOldWay(c);
        }
        var workers = Executors.newFixedThreadPool(2);
        try (Database db = new PooledDatabase(pg.dataSource(), workers, DEADLINE)) {
            upgradeAndUse(db, () -> pg.dataSource().getConnection());
        } finally {
            workers.shutdownNow();
        }
    }

    @Test
    void aNewDatabaseGetsEveryVersionFromFlyway() throws Exception {
        Path file = dir.resolve("new.db");
        try (Database db = new SqliteDatabase(file)) {
            JdbcSessionStore store = new JdbcSessionStore("sqlite", db, POLICY, new ObjectMapper(), Clock.systemUTC());
            store.migrate().await().atMost(DEADLINE);
            store.migrate().await().atMost(DEADLINE);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
                assertThat(history(c)).hasSize(latestVersion()).allMatch(row -> row.endsWith(":true"))
                        .startsWith("1:true", "2:true", "3:true", "4:true", "5:true");
            }
        }
    }

    private interface Opener {
        Connection open() throws SQLException;
    }

    private static void upgradeAndUse(Database db, Opener opener) throws SQLException, IOException {
        JdbcSessionStore store = new JdbcSessionStore("old", db, POLICY, new ObjectMapper(), Clock.systemUTC());
        store.migrate().await().atMost(DEADLINE);
        store.migrate().await().atMost(DEADLINE);

        assertThat(store.markedAt("alice").await().atMost(DEADLINE)).as("a row written before the upgrade")
                .isEqualTo(1_234L);
        var s = store.create(new NewSession("s-1", "alice", "user", null, "hash", Map.of())).await().atMost(DEADLINE);
        assertThat(store.delete(s.id()).await().atMost(DEADLINE)).as("the newer version's table works").isTrue();
        try (Connection c = opener.open()) {
            List<String> expected = new ArrayList<>(List.of("4:true"));
            for (int v = 5; v <= latestVersion(); v++) {
                expected.add(v + ":true");
            }
            assertThat(history(c)).as("baseline at the old version, then only what is newer").isEqualTo(expected);
        }
    }

    /** What the service did before Flyway: the files in order, and their versions in schema_version. */
    private static void migrateTheOldWay(Connection c) throws IOException, SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY)");
            String[] files = { "V1__sessions.sql", "V2__login_gates.sql", "V3__refresh_leeway.sql",
                    "V4__dated_marks.sql" };
            for (int v = 1; v <= files.length; v++) {
                for (String sql : read(files[v - 1]).split(";")) {
                    if (!sql.isBlank()) {
                        st.execute(sql);
                    }
                }
                st.execute("INSERT INTO schema_version (version) VALUES (" + v + ")");
            }
            long farAhead = System.currentTimeMillis() + 3_600_000;
            st.execute("INSERT INTO dated_marks (mark_key, marked_at, expires_at) VALUES ('alice', 1234, " + farAhead + ")");
        }
    }

    /** The highest version among the migration files. */
    private static int latestVersion() throws IOException {
        try (var files = java.nio.file.Files.list(Path.of("src/main/resources/db"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElseThrow();
        }
    }

    private static List<String> history(Connection c) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT version, success FROM flyway_schema_history "
                        + "WHERE version IS NOT NULL ORDER BY installed_rank")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + ":" + rs.getBoolean(2));
            }
        }
        return rows;
    }

    private static String read(String file) throws IOException {
        try (InputStream in = SchemaUpgradeTest.class.getResourceAsStream("/db/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
