package io.dx0.session.storage.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.dx0.session.concurrency.CallerContext;
import io.dx0.session.storage.StoreUnavailableException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/** What every Redis adapter shares: the client, the key layout and how a call is sent and bounded. */
final class RedisCalls {

    final Redis redis;
    final RedisKeys keys;
    /** No call waits longer for Redis: a paused or failing-over server gives a fast 503, not a hang. */
    private final Duration operationTimeout;

    RedisCalls(Redis redis, RedisKeys keys, Duration operationTimeout) {
        this.redis = redis;
        this.keys = keys;
        this.operationTimeout = operationTimeout;
    }

    Uni<Response> send(Command command, String... args) {
        Request request = Request.cmd(command);
        for (String arg : args) {
            request.arg(arg);
        }
        return redis.send(request);
    }

    /** Runs {@code op} for every id of a multi-bulk reply, concurrently; the results in order. */
    <T> Uni<List<T>> all(Response ids, Function<String, Uni<T>> op) {
        if (ids == null || ids.size() == 0) {
            return Uni.createFrom().item(List.of());
        }
        List<Uni<T>> unis = new ArrayList<>(ids.size());
        ids.forEach(id -> unis.add(op.apply(id.toString())));
        return Uni.join().all(unis).andFailFast();
    }

    /** Bounded in time, failures as {@link StoreUnavailableException}, the reply back on the caller's context. */
    <T> Uni<T> guard(Uni<T> operation) {
        return CallerContext.backOnCaller(operation, operationTimeout)
                .onFailure().transform(e -> new StoreUnavailableException("redis", e));
    }
}
