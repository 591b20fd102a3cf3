package io.dx0.session.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.dx0.session.session.NewSession;
import io.dx0.session.storage.backend.SessionPolicy;
import io.dx0.session.storage.backend.SessionStore;
import io.dx0.session.storage.jdbc.JdbcSessionStore;
import io.dx0.session.storage.jdbc.PooledDatabase;
import io.dx0.session.storage.jdbc.SqliteDatabase;
import io.dx0.session.storage.memory.MemorySessionStore;
import io.dx0.session.storage.redis.RedisSessionStore;
import io.dx0.session.testsupport.PostgresServer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.redis.client.RedisOptions;

/**
 * A store of each backend as the service builds it, filled with live sessions, for the benchmarks.
 * Redis is the server named by {@code -Dbench.redis} (bench/run.sh starts one and points
 * {@code redis-benchmark} at the same); PostgreSQL is {@code POSTGRES_TEST_URL} or an embedded one.
 */
final class BenchStores implements AutoCloseable {

    static final SessionPolicy POLICY = new SessionPolicy(Duration.ofHours(1), Duration.ofHours(12));
    /** Key prefix: bench/run.sh builds the same keys for redis-benchmark. */
    static final String PREFIX = "bench";

    private final List<AutoCloseable> resources = new ArrayList<>();
    final SessionStore store;
    /** The Vert.x of the store's clients; the benchmark calls the store from one of its event loops, as the service does. */
    final Vertx vertx;

    private BenchStores(SessionStore store, Vertx vertx) {
        this.store = store;
        this.vertx = vertx;
        resources.add(vertx::closeAndAwait);
    }

    static BenchStores open(String backend, int capacity) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Clock clock = Clock.systemUTC();
        Vertx vertx = Vertx.vertx();
        switch (backend) {
            case "memory":
                return new BenchStores(new MemorySessionStore(POLICY, capacity, clock), vertx);
            case "sqlite": {
                Path dir = Files.createTempDirectory("bench-sqlite");
                SqliteDatabase db = new SqliteDatabase(dir.resolve("sessions.db"));
                JdbcSessionStore store = new JdbcSessionStore("sqlite", db, POLICY, json, clock);
                store.migrate().await().indefinitely();
                BenchStores stores = new BenchStores(store, vertx);
                stores.resources.add(db::close);
                return stores;
            }
            case "postgres": {
                PostgresServer.Database db = PostgresServer.newDatabase();
                AgroalDataSource pool = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                        .connectionPoolConfiguration(p -> p.maxSize(16).connectionFactoryConfiguration(
                                cf -> cf.jdbcUrl(db.url()).principal(new NamePrincipal(db.user()))
                                        .credential(new SimplePassword(db.password())))));
                ExecutorService workers = Executors.newFixedThreadPool(16);
                JdbcSessionStore store = new JdbcSessionStore("postgres",
                        new PooledDatabase(pool, workers, Duration.ofSeconds(2)), POLICY,
                        json, clock);
                store.migrate().await().indefinitely();
                BenchStores stores = new BenchStores(store, vertx);
                stores.resources.add(workers::shutdownNow);
                stores.resources.add(pool);
                return stores;
            }
            case "redis": {
                String uri = System.getProperty("bench.redis");
                if (uri == null) {
                    throw new IllegalStateException("-Dbench.redis=redis://host:port is required (bench/run.sh sets it)");
                }
                Redis redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(uri)
                        .setMaxPoolSize(32).setMaxPoolWaiting(4096));
                redis.send(Request.cmd(Command.FLUSHDB)).await().indefinitely();
                BenchStores stores = new BenchStores(
                        new RedisSessionStore(vertx, redis, PREFIX, POLICY, json, Duration.ofSeconds(2)), vertx);
                stores.resources.add(redis::close);
                return stores;
            }
            default:
                throw new IllegalArgumentException("unknown backend " + backend);
        }
    }

    /**
     * Creates sessions {@code 000000000000} to {@code count - 1} (12 digits: the ids redis-benchmark's
     * {@code __rand_int__} produces), 256 at a time; the ids in order.
     */
    String[] fill(int count) {
        String[] ids = new String[count];
        for (int from = 0; from < count; from += 256) {
            List<Uni<Object>> batch = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + 256); i++) {
                ids[i] = String.format("%012d", i);
                batch.add(store.create(new NewSession(ids[i], "user" + (i % 1000), "user", null, "h", Map.of()))
                        .map(Object.class::cast));
            }
            Uni.join().all(batch).andFailFast().await().indefinitely();
        }
        return ids;
    }

    @Override
    public void close() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }
}
