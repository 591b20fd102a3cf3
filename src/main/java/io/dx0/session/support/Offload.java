package io.dx0.session.support;

import java.util.concurrent.Executor;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Work finished on another thread, its result handed back on the caller's Vert.x context: blocking
 * work (JDBC, bcrypt) moved to a pool, and replies of a client whose connections all live on one
 * event loop (the Redis client creates its pooled connections on the context it was built on).
 * Without the hand-back the rest of the caller's chain would run on that foreign thread: a WebSocket
 * upgrade check or message handler finished there may act on the connection out of step with its
 * event loop (seen: the first frame of a new socket never answered), and on Redis every request's
 * JSON and response writing would pile onto the one Redis event loop (seen: 1.4 of 2 cores busy and
 * the session endpoint stuck at a third of its throughput).
 */
public final class Offload {

    private Offload() {
    }

    public static <T> Uni<T> on(Executor executor, Supplier<T> work) {
        return backOnCaller(Uni.createFrom().item(work).runSubscriptionOn(executor));
    }

    /** {@code async}, with its item or failure delivered on the subscriber's context (at once when already there). */
    public static <T> Uni<T> backOnCaller(Uni<T> async) {
        return Uni.createFrom().deferred(() -> {
            Context caller = Vertx.currentContext();
            if (caller == null) {
                return async;
            }
            return async.emitOn(task -> {
                if (Vertx.currentContext() == caller) {
                    task.run();
                } else {
                    caller.runOnContext(ignored -> task.run());
                }
            });
        });
    }
}
