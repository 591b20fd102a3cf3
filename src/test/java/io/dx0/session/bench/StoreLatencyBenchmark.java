package io.dx0.session.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import javax.sql.DataSource;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.dx0.session.store.NewSession;
import io.dx0.session.store.SessionPolicy;
import io.dx0.session.store.SessionStore;
import io.dx0.session.store.jdbc.JdbcSessionStore;
import io.dx0.session.store.jdbc.PooledDatabase;
import io.dx0.session.store.jdbc.SqliteDatabase;
import io.dx0.session.store.memory.MemorySessionStore;
import io.dx0.session.store.redis.RedisSessionStore;
import io.dx0.session.testsupport.PostgresServer;
import io.dx0.session.testsupport.RedisServer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;

/**
 * Not a test: the p50/p99 of get-session (touch) and charge on each backend, measured the same way
 * — one client, closed loop, 1,000 live sessions, 200 warm-up then 5,000 timed calls per operation,
 * each call awaited before the next. Run: {@code ./mvnw -B test -Dtest=StoreLatencyBenchmark -Dgroups=benchmark -Dsurefire.excludedGroups=none}.
 * Writes docs/benchmarks/store-latency.md.
 */
@Tag("benchmark")
class StoreLatencyBenchmark {

    private static final int SESSIONS = 1_000;
    private static final int WARMUP = 200;
    private static final int CALLS = 5_000;
    private static final SessionPolicy POLICY = new SessionPolicy(Duration.ofHours(1), Duration.ofHours(12));

    @Test
    void measureEveryBackend() throws Exception {
        StringBuilder report = new StringBuilder("# Store latency at 1,000 live sessions\n\n")
                .append("One client, closed loop: each call awaited before the next; ").append(WARMUP)
                .append(" warm-up then ").append(CALLS).append(" timed calls per operation, over ").append(SESSIONS)
                .append(" live sessions, on this 2-core machine (servers on loopback, started by the benchmark).\n")
                .append("Command: `./mvnw -B test -Dtest=StoreLatencyBenchmark -Dgroups=benchmark -Dsurefire.excludedGroups=none`. Run at ")
                .append(Instant.now()).append(".\n\n")
                .append("| backend | get-session p50 | get-session p99 | charge p50 | charge p99 |\n|---|---|---|---|---|\n");
        ObjectMapper json = new ObjectMapper();
        report.append(row(new MemorySessionStore(POLICY, 100_000, Clock.systemUTC())));

        Path dir = Files.createTempDirectory("bench-sqlite");
        SqliteDatabase sqlite = new SqliteDatabase(dir.resolve("sessions.db"));
        JdbcSessionStore sqliteStore = new JdbcSessionStore("sqlite", sqlite, POLICY, json, Clock.systemUTC());
        sqliteStore.migrate().await().indefinitely();
        report.append(row(sqliteStore));
        sqlite.close();

        ExecutorService workers = Executors.newFixedThreadPool(8);
        JdbcSessionStore pg = new JdbcSessionStore("postgres",
                new PooledDatabase(pooled(PostgresServer.newDatabase()), workers), POLICY, json, Clock.systemUTC());
        pg.migrate().await().indefinitely();
        report.append(row(pg));
        workers.shutdownNow();

        try (RedisServer server = RedisServer.start()) {
            Vertx vertx = Vertx.vertx();
            Redis redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(server.uri()));
            report.append(row(new RedisSessionStore(vertx, redis, "bench", POLICY, json, java.time.Duration.ofSeconds(2))));
            redis.close();
            vertx.closeAndAwait();
        }
        Path out = Path.of("docs/benchmarks/store-latency.md");
        Files.writeString(out, report.toString());
        System.out.println(report);
    }

    /** A small pool, as the service has one: a new connection per call would measure connecting. */
    private static DataSource pooled(PostgresServer.Database db) throws SQLException {
        var config = new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool.maxSize(8).connectionFactoryConfiguration(
                        cf -> cf.jdbcUrl(db.url()).principal(new NamePrincipal(db.user()))
                                .credential(new SimplePassword(db.password()))));
        return AgroalDataSource.from(config);
    }

    private static String row(SessionStore store) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            String id = UUID.randomUUID().toString();
            store.create(new NewSession(id, "user" + i, "user", null, "h", Map.of())).await().indefinitely();
            ids.add(id);
        }
        double[] touch = time(ids, id -> store.touch(id));
        double[] charge = time(ids, id -> store.charge(id, 1, null, null));
        return String.format("| %s | %.3f ms | %.3f ms | %.3f ms | %.3f ms |%n", store.name(), touch[0], touch[1],
                charge[0], charge[1]);
    }

    /** {p50, p99} in milliseconds. */
    private static double[] time(List<String> ids, Function<String, Uni<?>> op) {
        for (int i = 0; i < WARMUP; i++) {
            op.apply(ids.get(i % ids.size())).await().indefinitely();
        }
        long[] nanos = new long[CALLS];
        for (int i = 0; i < CALLS; i++) {
            String id = ids.get((i * 7919) % ids.size());
            long start = System.nanoTime();
            op.apply(id).await().indefinitely();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return new double[] { nanos[CALLS / 2] / 1e6, nanos[(int) (CALLS * 0.99)] / 1e6 };
    }
}
