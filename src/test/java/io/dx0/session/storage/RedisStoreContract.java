package io.dx0.session.storage;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Tag;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.dx0.session.storage.backend.SessionStore;
import io.dx0.session.storage.redis.RedisSessionStore;
import io.dx0.session.testsupport.RealTime;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;

/**
 * The contract on a Redis the subclass started; each test under a key prefix of its own. Tagged
 * {@code real-time}: Redis clocks windows and expiries by its own {@code TIME}, which no test can
 * move, so these tests let real time pass ({@link RealTime}) where the other backends jump a clock.
 */
@Tag("real-time")
abstract class RedisStoreContract extends SessionStoreContract {

    protected String prefix;

    protected abstract Vertx vertx();

    protected abstract Redis redis();

    @Override
    public SessionStore newStore() {
        prefix = "t" + UUID.randomUUID();
        return otherReplica();
    }

    /** Another service replica: its own store object on the same Redis and key prefix. */
    @Override
    public SessionStore otherReplica() {
        return new RedisSessionStore(vertx(), redis(), prefix, POLICY, new ObjectMapper(), java.time.Duration.ofSeconds(2));
    }

    @Override
    public void elapse(Duration d) {
        RealTime.elapse(d);
    }

    @Override
    public boolean clockIsExact() {
        return false;
    }
}
