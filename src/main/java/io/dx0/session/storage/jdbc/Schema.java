package io.dx0.session.storage.jdbc;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.resource.LoadableResource;
import org.flywaydb.core.internal.resource.classpath.ClassPathResource;
import org.jboss.logging.Logger;

import io.quarkus.flyway.runtime.QuarkusFlywayResourceProvider;

/**
 * The SQL schema, migrated by Flyway from {@code src/main/resources/db/} (the same files on
 * PostgreSQL and SQLite): each file applied once, in order, recorded in {@code flyway_schema_history}.
 * Append a file (and its name to {@link #MIGRATIONS}) to change the schema; never edit one that has shipped. On PostgreSQL Flyway holds an
 * advisory lock while it migrates, so replicas starting together migrate once.
 * <p>
 * A database migrated before Flyway kept its versions in {@code schema_version}; Flyway starts from
 * the highest of them (a baseline) and applies only what is newer.
 */
final class Schema {

    private static final Logger LOG = Logger.getLogger(Schema.class);
    /** The table the service's own migrations used before Flyway. */
    private static final String EARLIER_HISTORY = "schema_version";
    static final String FOLDER = "db";
    private static final String LOCATION = "classpath:" + FOLDER;
    /**
     * The migrations, named: a native executable cannot list a resource folder, so Flyway is handed the files
     * rather than left to scan for them (SchemaTest keeps this list equal to the folder).
     */
    static final List<String> MIGRATIONS = List.of("V1__sessions.sql", "V2__login_gates.sql", "V3__refresh_leeway.sql",
            "V4__dated_marks.sql", "V5__session_ends.sql", "V6__security_events.sql", "V7__replicas.sql",
            "V8__security_event_shelves.sql");

    private Schema() {
    }

    static void migrate(DataSource dataSource) {
        FluentConfiguration config = Flyway.configure(Schema.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
                .resourceProvider(new QuarkusFlywayResourceProvider(MIGRATIONS.stream()
                        .<LoadableResource> map(file -> new ClassPathResource(new Location(LOCATION), FOLDER + "/" + file,
                                Schema.class.getClassLoader(), StandardCharsets.UTF_8))
                        .toList()));
        int earlier = earlierVersion(dataSource);
        if (earlier > 0) {
            config.baselineOnMigrate(true).baselineVersion(Integer.toString(earlier))
                    .baselineDescription("migrated before Flyway (schema_version)");
        }
        MigrateResult result = config.load().migrate();
        if (result.migrationsExecuted > 0) {
            LOG.infof("Schema migrated to version %s (%d migrations applied)", result.targetSchemaVersion,
                    result.migrationsExecuted);
        }
    }

    /** The version the service's own migrations reached, 0 when they never ran here. */
    private static int earlierVersion(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            if (!hasTable(c, EARLIER_HISTORY)) {
                return 0;
            }
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(version), 0) FROM " + EARLIER_HISTORY)) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new SqlFailure(e);
        }
    }

    private static boolean hasTable(Connection c, String table) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        try (ResultSet rs = meta.getTables(null, c.getSchema(), table, new String[] { "TABLE" })) {
            return rs.next();
        }
    }
}
