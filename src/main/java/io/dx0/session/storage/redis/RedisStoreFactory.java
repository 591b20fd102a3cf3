package io.dx0.session.storage.redis;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.dx0.session.storage.backend.SessionPolicy;
import io.dx0.session.storage.backend.SessionStore;
import io.dx0.session.storage.backend.SessionStoreFactory;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;

@ApplicationScoped
public class RedisStoreFactory implements SessionStoreFactory {

    private final RedisSettings config;
    private final SessionPolicy policy;
    /** Looked up only when this backend is chosen, so an unused Redis client never connects. */
    private final Instance<Redis> redis;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final Duration timeout;

    RedisStoreFactory(RedisSettings config, SessionPolicy policy, Instance<Redis> redis, ObjectMapper json, Vertx vertx,
            @ConfigProperty(name = "quarkus.redis.timeout") Duration timeout) {
        this.timeout = timeout;
        this.config = config;
        this.policy = policy;
        this.redis = redis;
        this.json = json;
        this.vertx = vertx;
    }

    @Override
    public String backend() {
        return "redis";
    }

    @Override
    public SessionStore create() {
        return new RedisSessionStore(vertx, redis.get(), config.keyPrefix(),
                policy, json, timeout);
    }
}
