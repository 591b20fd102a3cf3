package io.dx0.session.storage;

import static io.dx0.session.testsupport.ProcessResources.openFiles;
import static io.dx0.session.testsupport.ProcessResources.threadsNamed;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.dx0.session.storage.backend.SessionPolicy;
import io.dx0.session.storage.jdbc.JdbcSessionStore;
import io.dx0.session.storage.jdbc.SqliteDatabase;
import io.dx0.session.storage.redis.RedisSessionStore;
import io.dx0.session.testsupport.RedisServer;
import io.dx0.session.testsupport.RespClient;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;

/**
 * What a store opens, its {@code close()} gives back: the application closes its store on shutdown
 * and on every dev-mode reload (a disposer in the wiring), so twenty starts must leave no thread,
 * file or Redis connection behind.
 */
class StoreLifecycleTest {

    private static final SessionPolicy POLICY = new SessionPolicy(Duration.ofMinutes(1), Duration.ofMinutes(5));
    private static final int STARTS = 20;

    @Test
    void sqliteStoresClosedLeaveNoThreadOrOpenFile(@TempDir Path dir) {
        long threadsBefore = threadsNamed(SqliteDatabase.THREAD_NAME);
        int filesBefore = openFiles().size();
        for (int i = 0; i < STARTS; i++) {
            JdbcSessionStore store = new JdbcSessionStore("sqlite", new SqliteDatabase(dir.resolve("sessions.db")), POLICY,
                    new ObjectMapper(), Clock.systemUTC());
            store.migrate().await().atMost(Duration.ofSeconds(10));
            store.ping().await().atMost(Duration.ofSeconds(5));
            store.close();
        }
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> threadsNamed(SqliteDatabase.THREAD_NAME) == threadsBefore);
        assertThat(openFiles().size()).as("file descriptors after %d starts", STARTS).isLessThanOrEqualTo(filesBefore + 2);
    }

    @Test
    void redisStoresClosedLeaveNoSubscriptionConnection() throws Exception {
        try (RedisServer server = RedisServer.start(); RespClient admin = server.client()) {
            Vertx vertx = Vertx.vertx();
            Redis redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(server.uri()));
            try {
                for (int i = 0; i < STARTS; i++) {
                    RedisSessionStore store = new RedisSessionStore(vertx, redis, "life", POLICY, new ObjectMapper(),
                            Duration.ofSeconds(2));
                    store.endedSessions().subscribe().with(id -> {});
                    Awaitility.await().atMost(Duration.ofSeconds(5))
                            .until(() -> admin.list("PUBSUB", "NUMSUB", "life:ended").get(1).equals("1"));
                    store.close();
                    Awaitility.await().atMost(Duration.ofSeconds(5))
                            .until(() -> admin.list("PUBSUB", "NUMSUB", "life:ended").get(1).equals("0"));
                }
                // the admin connection itself, and at most the shared client's pool
                Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> subscribers(admin) == 0);
            } finally {
                redis.close();
                vertx.closeAndAwait();
            }
        }
    }

    private static long subscribers(RespClient admin) {
        return admin.string("CLIENT", "LIST").lines().filter(l -> l.contains("sub=1")).count();
    }
}
