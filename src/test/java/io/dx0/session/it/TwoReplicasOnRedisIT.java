package io.dx0.session.it;

import java.util.Map;

import io.dx0.session.testsupport.RedisServer;

/** The two replicas on one Redis: ends announced by pub/sub, gates and budgets in Lua. */
class TwoReplicasOnRedisIT extends TwoReplicasContract {

    private RedisServer redis;

    @Override
    protected Map<String, String> startBackend() {
        redis = RedisServer.start();
        return Map.of("SESSION_BACKEND", "redis", "QUARKUS_REDIS_HOSTS", redis.uri());
    }

    @Override
    protected void stopBackend() {
        redis.close();
    }
}
