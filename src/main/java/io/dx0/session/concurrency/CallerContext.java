package io.dx0.session.concurrency;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
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
 *
 * <p>"Already there" means on the caller's context <em>and</em> its thread. Quarkus' worker pool (like
 * Vert.x's executeBlocking) runs a task with the submitter's context as the current one, so a check of
 * the context alone ran the rest of the chain on the worker: a WebSocket upgrade decided there was
 * accepted off the event loop, and a client's first frame, sent the moment it read the 101, could
 * arrive before the endpoint's handlers were set and was dropped (ADR 0015).
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
            Caller caller = Caller.current();
            return caller == null ? async : async.emitOn(caller::run);
        });
    }

    /**
     * {@code call} back on the caller's context, failed with Mutiny's {@link TimeoutException} (and cancelled)
     * when it has not answered within {@code limit}. On a Vert.x context the deadline is a timer of the
     * caller's own event loop, set and cancelled on that thread: no lock and no thread woken per call.
     * (Mutiny's {@code ifNoItem().after()} schedules on a shared timer thread that, even for a cancelled
     * timeout, later hands the task to a worker: a cost measured in ADR 0019.)
     */
    public static <T> Uni<T> backOnCaller(Uni<T> call, Duration limit) {
        return Uni.createFrom().deferred(() -> {
            Caller caller = Caller.current();
            if (caller == null) {
                return call.ifNoItem().after(limit).fail();
            }
            return Uni.createFrom().<T> emitter(emitter -> {
                AtomicBoolean settled = new AtomicBoolean();
                AtomicReference<Cancellable> running = new AtomicReference<>();
                long timer = caller.context().owner().setTimer(Math.max(1, limit.toMillis()), id -> {
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
                        caller.run(() -> caller.context().owner().cancelTimer(timer));
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
    private static void settle(Caller caller, AtomicBoolean settled, long timer, Runnable outcome) {
        caller.run(() -> {
            if (settled.compareAndSet(false, true)) {
                caller.context().owner().cancelTimer(timer);
                outcome.run();
            }
        });
    }

    /**
     * {@code task} after {@code millis} ms: on the caller's event loop (a Vert.x timer, no thread woken) when
     * there is a caller, else on Mutiny's worker pool. Returns what cancels it (a no-op once it ran).
     */
    public static Runnable later(Caller caller, long millis, Runnable task) {
        long delay = Math.max(1, millis);
        if (caller == null) {
            var scheduled = Infrastructure.getDefaultWorkerPool().schedule(task, delay, TimeUnit.MILLISECONDS);
            return () -> scheduled.cancel(false);
        }
        Vertx vertx = caller.context().owner();
        long timer = vertx.setTimer(delay, id -> task.run());
        return () -> vertx.cancelTimer(timer);
    }

    /** A Vert.x context and the thread that was on it: where a result is handed back to. */
    public record Caller(Context context, Thread thread) {

        /** The current thread's context and the thread itself, or null off any Vert.x context. */
        public static Caller current() {
            Context context = Vertx.currentContext();
            return context == null ? null : new Caller(context, Thread.currentThread());
        }

        /** {@code task} at once when on this context's own thread, else queued on the context. */
        public void run(Runnable task) {
            if (Thread.currentThread() == thread && Vertx.currentContext() == context) {
                task.run();
            } else {
                context.runOnContext(ignored -> task.run());
            }
        }
    }
}
