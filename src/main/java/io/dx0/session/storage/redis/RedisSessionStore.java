package io.dx0.session.storage.redis;

import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.dx0.session.storage.backend.BackendStore;
import io.dx0.session.storage.backend.SessionJson;
import io.dx0.session.storage.backend.SessionPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;

/**
 * The Redis backend (standalone or cluster), one adapter per capability over one client and key layout.
 * Every key expires by its TTL and the indexes trim themselves on use, so there is nothing to purge.
 */
public final class RedisSessionStore extends BackendStore {

    private final RedisCalls calls;
    private final EndedSessionsChannel ended;

    public RedisSessionStore(Vertx vertx, Redis redis, String keyPrefix, SessionPolicy policy, ObjectMapper json,
            Duration operationTimeout) {
        this(new RedisCalls(redis, new RedisKeys(keyPrefix), operationTimeout), vertx, policy, json);
    }

    private RedisSessionStore(RedisCalls calls, Vertx vertx, SessionPolicy policy, ObjectMapper json) {
        this(calls, new EndedSessionsChannel(vertx, calls.redis, calls.keys.endedChannel()),
                policy.idleTimeout().toMillis(), policy.maxLifetime().toMillis(), json);
    }

    private RedisSessionStore(RedisCalls calls, EndedSessionsChannel ended, long idle, long maxLifetime,
            ObjectMapper json) {
        this(calls, ended, new RedisSessionIndexes(calls, ended, idle, maxLifetime), new SessionHash(json, idle),
                idle, maxLifetime, new SessionJson(json));
    }

    private RedisSessionStore(RedisCalls calls, EndedSessionsChannel ended, RedisSessionIndexes indexes,
            SessionHash hash, long idle, long maxLifetime, SessionJson json) {
        super(new RedisSessions(calls, hash, indexes, ended, idle, maxLifetime),
                new RedisSessionUses(calls, hash, indexes, idle), new RedisLoginGates(calls), new RedisDatedMarks(calls),
                new RedisBudgets(calls), new RedisSecurityEvents(calls, json), new RedisReplicas(calls));
        this.calls = calls;
        this.ended = ended;
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public Uni<Void> ping() {
        return calls.guard(calls.send(Command.PING).replaceWithVoid());
    }

    @Override
    public Uni<Integer> purgeExpired() {
        return Uni.createFrom().item(0);
    }

    /** Ends the ended-sessions subscription; the Redis client itself belongs to Quarkus. */
    @Override
    public void close() {
        ended.close();
    }
}
