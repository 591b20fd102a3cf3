package io.dx0.session.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.dx0.session.audit.EventPage;
import io.dx0.session.audit.EventQuery;
import io.dx0.session.audit.EventShelf;
import io.dx0.session.audit.KeptEvent;
import io.dx0.session.login.GateRule;
import io.dx0.session.session.Session;
import io.dx0.session.testsupport.RedisServer;
import io.dx0.session.testsupport.RespClient;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;

/** The contract against a real standalone redis-server started for this class. */
class RedisSessionStoreTest extends RedisStoreContract {

    private static RedisServer server;
    private static Vertx vertx;
    private static Redis redis;

    @BeforeAll
    static void startRedis() {
        server = RedisServer.start();
        vertx = Vertx.vertx();
        redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(server.uri())
                .setMaxPoolSize(16).setMaxPoolWaiting(1024));
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
        vertx.closeAndAwait();
        server.close();
    }

    @Override
    protected Vertx vertx() {
        return vertx;
    }

    @Override
    protected Redis redis() {
        return redis;
    }

    /**
     * Redis reads at most 5,000 kept events of a shelf per request (issue 35, finding 3: after a flood a
     * search found nothing and said nothing more was there): the page now says where it stopped.
     */
    @Test
    void anEventSearchThatStopsShortSaysWhereAndGoingOnFindsTheEvent() {
        long at = System.currentTimeMillis();
        await(store.keep(new KeptEvent(null, at, "login.failure", false, Map.of("user", "victim")), EventShelf.ACCOUNTS,
                Duration.ofHours(1), 100_000));
        for (int i = 0; i < 6_000; i++) {
            await(store.keep(new KeptEvent(null, at + 1, "login.success", false, Map.of("user", "someone-" + i)),
                    EventShelf.ACCOUNTS, Duration.ofHours(1), 100_000));
        }
        EventPage first = await(store.recent(new EventQuery("victim", null, null, 0, null, 50)));
        assertThat(first.events()).isEmpty();
        assertThat(first.stoppedShort()).as("5,000 read, 1,001 left").isTrue();
        EventPage next = await(store.recent(new EventQuery("victim", null, null, 0, first.stoppedBefore(), 50)));
        assertThat(next.events()).extracting(KeptEvent::user).containsExactly("victim");
        assertThat(next.stoppedShort()).isFalse();
    }

    @Test
    void everyKeyTheStoreWritesHasATtl() throws Exception {
        Session s = create("alice", 100L);
        await(store.use(s.id(), 5, Duration.ofSeconds(1), true));
        await(store.charge(s.id(), 10, "cbc", "key-1"));
        await(store.rotateRefresh(s.id(), s.id() + "-hash-0", "next", Duration.ZERO));
        GateRule rule = GateRule.lockout(Duration.ofSeconds(1), 5, 2, Duration.ofSeconds(1));
        fail("ip:127.0.0.1", rule, "user:a");
        await(store.admit("ip:127.0.0.1", rule, "still-checking"));
        await(store.mark("user:a", 1L, Duration.ofSeconds(5)));
        try (RespClient client = server.client()) {
            List<Object> scan = client.list("SCAN", "0", "MATCH", prefix + "*", "COUNT", "1000");
            @SuppressWarnings("unchecked")
            List<Object> keys = (List<Object>) scan.get(1);
            assertThat(keys).as("session, rotated, rate, idempotency, user index, user creation order, live index,"
                    + " creation index, failures, in flight, device revocation").hasSize(11);
            for (Object key : keys) {
                assertThat(Long.parseLong(client.string("PTTL", key))).as("TTL of %s", key).isPositive();
            }
        }
    }

    @Test
    void scriptsAreReloadedWhenRedisForgetsThem() throws Exception {
        Session s = create("alice", null);
        try (RespClient client = server.client()) {
            client.call("SCRIPT", "FLUSH");
        }
        assertThat(await(store.touch(s.id()))).isNotNull();
    }

    @Test
    void refreshSecretsAreStoredOnlyAsGivenHashes() throws Exception {
        Session s = create("alice", null);
        String key = prefix + ":s:{" + s.id() + "}";
        try (RespClient client = server.client()) {
            Map<String, String> fields = asMap(client.list("HGETALL", key));
            assertThat(fields).containsEntry("rh", s.id() + "-hash-0");
            assertThat(fields.values()).as("the hash is the only refresh material, stored once")
                    .filteredOn(v -> v.contains("-hash-")).containsExactly(s.id() + "-hash-0");

            await(store.rotateRefresh(s.id(), s.id() + "-hash-0", s.id() + "-hash-1", Duration.ofSeconds(10)));
            fields = asMap(client.list("HGETALL", key));
            assertThat(fields).containsEntry("rh", s.id() + "-hash-1").containsEntry("ph", s.id() + "-hash-0");
            assertThat(fields.values()).filteredOn(v -> v.contains("-hash-"))
                    .containsExactlyInAnyOrder(s.id() + "-hash-1", s.id() + "-hash-0");
        }
    }

    private static Map<String, String> asMap(List<Object> flat) {
        Map<String, String> map = new java.util.HashMap<>();
        for (int i = 0; i < flat.size(); i += 2) {
            map.put(flat.get(i).toString(), String.valueOf(flat.get(i + 1)));
        }
        return map;
    }

    @Test
    void unreachableRedisFailsFastThenRecoversWithoutANewClient() {
        Session s = create("alice", null);
        server.kill();
        try {
            long start = System.nanoTime();
            assertThatThrownBy(() -> await(store.touch(s.id()))).isInstanceOf(StoreUnavailableException.class);
            assertThatThrownBy(() -> await(store.ping())).isInstanceOf(StoreUnavailableException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        } finally {
            server.restart();
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).ignoreExceptions()
                .until(() -> {
                    await(store.ping());
                    return true;
                });
        assertThat(await(store.touch(s.id()))).as("no persistence configured: the session died with Redis").isNull();
        assertThat(create("bob", null)).isNotNull();
    }
}
