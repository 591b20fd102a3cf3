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
    private final RedisSessions sessions;

    public RedisSessionStore(Vertx vertx, Redis redis, String keyPrefix, SessionPolicy policy, ObjectMapper json,
            Duration operationTimeout) {
        this(new RedisCalls(redis, new RedisKeys(keyPrefix), operationTimeout), vertx, policy, json);
    }

    private RedisSessionStore(RedisCalls calls, Vertx vertx, SessionPolicy policy, ObjectMapper json) {
        this(calls, new RedisSessions(calls, new EndedSessionsChannel(vertx, calls.redis, calls.keys.endedChannel()),
                policy, json), json);
    }

    private RedisSessionStore(RedisCalls calls, RedisSessions sessions, ObjectMapper json) {
        super(sessions, new RedisSessionUses(calls, sessions), new RedisLoginGates(calls), new RedisDatedMarks(calls),
                new RedisBudgets(calls), new RedisSecurityEvents(calls, new SessionJson(json)), new RedisReplicas(calls));
        this.calls = calls;
        this.sessions = sessions;
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
        sessions.close();
    }
}
