package io.dx0.session.support;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
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
public final class CallerContext {

    private CallerContext() {
    }

    /** {@code work} run on {@code executor} (JDBC, bcrypt), its result handed back on the caller's context. */
    public static <T> Uni<T> blocking(Executor executor, Supplier<T> work) {
        return backOnCaller(Uni.createFrom().item(work).runSubscriptionOn(executor));
    }

    /** {@code async}, with its item or failure delivered on the subscriber's context (at once when already there). */
    public static <T> Uni<T> backOnCaller(Uni<T> async) {
        return Uni.createFrom().deferred(() -> {
            Context caller = Vertx.currentContext();
            return caller == null ? async : async.emitOn(task -> onContext(caller, task));
        });
    }

    /**
     * {@code call} back on the caller's context, failed with Mutiny's {@link TimeoutException} (and cancelled)
     * when it has not answered within {@code limit}. On a Vert.x context the deadline is a timer of the
     * caller's own event loop, set and cancelled on that thread: no lock and no thread woken per call.
     * (Mutiny's {@code ifNoItem().after()} schedules on a shared timer thread that, even for a cancelled
     * timeout, later hands the task to a worker: seen as 9 % of a Redis-backed request's CPU.)
     */
    public static <T> Uni<T> backOnCaller(Uni<T> call, Duration limit) {
        return Uni.createFrom().deferred(() -> {
            Context caller = Vertx.currentContext();
            if (caller == null) {
                return call.ifNoItem().after(limit).fail();
            }
            return Uni.createFrom().<T> emitter(emitter -> {
                AtomicBoolean settled = new AtomicBoolean();
                AtomicReference<Cancellable> running = new AtomicReference<>();
                long timer = caller.owner().setTimer(Math.max(1, limit.toMillis()), id -> {
                    if (settled.compareAndSet(false, true)) {
                        Cancellable subscription = running.get();
                        if (subscription != null) {
                            subscription.cancel();
                        }
                        emitter.fail(new TimeoutException());
                    }
                });
                running.set(call.subscribe().with(
                        item -> settle(caller, settled, timer, () -> emitter.complete(item)),
                        failure -> settle(caller, settled, timer, () -> emitter.fail(failure))));
                emitter.onTermination(() -> {
                    if (settled.compareAndSet(false, true)) {
                        onContext(caller, () -> caller.owner().cancelTimer(timer));
                        Cancellable subscription = running.get();
                        if (subscription != null) {
                            subscription.cancel();
                        }
                    }
                });
            });
        });
    }

    /** On the caller's loop: the first of answer, failure and timer to get there wins; the timer is cancelled. */
    private static void settle(Context caller, AtomicBoolean settled, long timer, Runnable outcome) {
        onContext(caller, () -> {
            if (settled.compareAndSet(false, true)) {
                caller.owner().cancelTimer(timer);
                outcome.run();
            }
        });
    }

    private static void onContext(Context caller, Runnable task) {
        if (Vertx.currentContext() == caller) {
            task.run();
        } else {
            caller.runOnContext(ignored -> task.run());
        }
    }
}
