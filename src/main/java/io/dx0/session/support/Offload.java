package io.dx0.session.support;

import java.util.concurrent.Executor;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Blocking work (JDBC, bcrypt) moved off the event loop, with its result handed back on the
 * caller's Vert.x context. Without the hand-back the rest of the caller's chain would run on the
 * pool's thread: harmless for a REST call, but a WebSocket upgrade check or message handler
 * finished on a foreign thread may act on the connection out of step with its event loop (seen:
 * the first frame of a new socket never answered).
 */
public final class Offload {

    private Offload() {
    }

    public static <T> Uni<T> on(Executor executor, Supplier<T> work) {
        return Uni.createFrom().deferred(() -> {
            Context caller = Vertx.currentContext();
            Uni<T> offloaded = Uni.createFrom().item(work).runSubscriptionOn(executor);
            return caller == null ? offloaded : offloaded.emitOn(task -> caller.runOnContext(ignored -> task.run()));
        });
    }
}
