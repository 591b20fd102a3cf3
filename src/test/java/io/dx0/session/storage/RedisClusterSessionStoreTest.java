package io.dx0.session.storage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import io.dx0.session.testsupport.RedisCluster;
import io.dx0.session.testsupport.RedisServer;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;

/**
 * The contract against a real three-master Redis Cluster: every per-session script must stay in
 * one slot (a CROSSSLOT error fails it) and the client must follow the slot map.
 */
class RedisClusterSessionStoreTest extends RedisStoreContract {

    private static RedisCluster cluster;
    private static Vertx vertx;
    private static Redis redis;

    @BeforeAll
    static void startCluster() {
        cluster = RedisCluster.start();
        vertx = Vertx.vertx();
        RedisOptions options = new RedisOptions().setType(RedisClientType.CLUSTER)
                .setMaxPoolSize(16).setMaxPoolWaiting(1024);
        cluster.nodes().stream().map(RedisServer::uri).forEach(options::addConnectionString);
        redis = Redis.createClient(vertx, options);
    }

    @AfterAll
    static void stopCluster() {
        redis.close();
        vertx.closeAndAwait();
        cluster.close();
    }

    @Override
    protected Vertx vertx() {
        return vertx;
    }

    @Override
    protected Redis redis() {
        return redis;
    }
}
