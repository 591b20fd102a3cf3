package io.dx0.session.overload;

import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;

import io.dx0.session.support.CallerContext;
import io.dx0.session.support.CallerContext.Caller;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * One path's admission: its adaptive limit of work in progress and, behind it, a short line judged by
 * time. Work that finds the path full waits in line, first come first served, when the line ahead of
 * it will have been served within {@code maxDelay} at the recent pace (the time a permit is held,
 * divided among the permits the limit allows); otherwise it is refused at once, told to come back
 * when the work ahead is done. A waiter still in line at its deadline is refused then. So a burst
 * above the average waits a few milliseconds instead of bouncing, and past capacity the line stays
 * at most {@code maxDelay} long and everything beyond it is refused as fast as before.
 * <p>
 * Netflix concurrency-limits' own queueing limiters block the calling thread, which an event loop
 * must never do; this line hands the permit over on the waiter's own context instead.
 */
final class Backlog {

    /** A ceiling on the line whatever the estimate says (memory, not time, bounds it then). */
    static final int MAX_WAITING = 10_000;

    private final SimpleLimiter<Void> limiter;
    private final long maxDelayNanos;
    private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
    /** How long a permit is held, an exponentially weighted average (1/8 per sample). */
    private final AtomicLong heldNanos;

    Backlog(SimpleLimiter<Void> limiter, long maxDelayNanos, long initialHeldNanos) {
        this.limiter = limiter;
        this.maxDelayNanos = maxDelayNanos;
        this.heldNanos = new AtomicLong(Math.max(1, initialHeldNanos));
    }

    /** What the caller is told when refused. */
    sealed interface Outcome {
    }

    record Admitted(Limiter.Listener listener) implements Outcome {
    }

    record Refused(long retryAfterNanos) implements Outcome {
    }

    /** A permit at once, a permit after waiting its turn, or a refusal with the time the work ahead needs. */
    Uni<Outcome> acquire() {
        return Uni.createFrom().emitter(emitter -> {
            Outcome now;
            Waiter waiter = null;
            synchronized (this) {
                Optional<Limiter.Listener> free = waiting.isEmpty() ? limiter.acquire(null) : Optional.empty();
                long wait = waitFor(waiting.size() + 1);
                if (free.isPresent()) {
                    now = new Admitted(free.get());
                } else if (wait > maxDelayNanos || waiting.size() >= MAX_WAITING) {
                    now = new Refused(wait);
                } else {
                    now = null;
                    waiter = new Waiter(emitter, Caller.current());
                    waiting.addLast(waiter);
                }
            }
            if (now != null) {
                emitter.complete(now); // outside the lock: the admitted work starts here
                return;
            }
            Waiter queued = waiter;
            emitter.onTermination(() -> {
                if (queued.leave()) {
                    leave(queued);
                } else if (queued.state.get() instanceof Limiter.Listener granted && queued.handed.compareAndSet(false, true)) {
                    // granted a permit, but its caller left before it was handed over: it goes to the next
                    granted.onIgnore();
                    handOff();
                }
            });
            queued.cancelTimer = CallerContext.later(queued.caller, maxDelayNanos / 1_000_000, () -> expire(queued));
        });
    }

    /** Time until {@code position} more pieces of work are served at the recent pace. */
    long waitFor(int position) {
        return position * heldNanos.get() / Math.max(1, limiter.getLimit());
    }

    int waiting() {
        synchronized (this) {
            return waiting.size();
        }
    }

    /** A permit ended after {@code nanos}: the pace follows it. */
    void held(long nanos) {
        heldNanos.accumulateAndGet(nanos, (average, sample) -> Math.max(1, average + (sample - average) / 8));
    }

    /** A permit ended (whatever the outcome): the first in line, if any, takes the place it freed. */
    void handOff() {
        while (true) {
            Waiter next;
            Limiter.Listener listener;
            synchronized (this) {
                if (waiting.isEmpty()) {
                    return;
                }
                Optional<Limiter.Listener> free = limiter.acquire(null);
                if (free.isEmpty()) {
                    return;
                }
                next = waiting.pollFirst();
                listener = free.get();
            }
            if (next.grant(listener)) {
                return;
            }
            listener.onIgnore(); // it left (refused at its deadline, or its caller went away): try the next
        }
    }

    private synchronized void leave(Waiter waiter) {
        waiting.remove(waiter);
    }

    private void expire(Waiter waiter) {
        if (!waiter.leave()) {
            return;
        }
        long wait;
        synchronized (this) {
            waiting.remove(waiter);
            wait = waitFor(waiting.size() + 1);
        }
        waiter.deliver(new Refused(wait));
    }

    private static final class Waiter {
        /** Still waiting while null; then {@link #LEFT}, or the permit's listener it was granted. */
        private static final Object LEFT = new Object();

        final UniEmitter<? super Outcome> emitter;
        final Caller caller;
        final AtomicReference<Object> state = new AtomicReference<>();
        /** Set by whichever comes first: the outcome handed to the caller, or the caller gone. */
        final AtomicBoolean handed = new AtomicBoolean();
        volatile Runnable cancelTimer = () -> {};

        Waiter(UniEmitter<? super Outcome> emitter, Caller caller) {
            this.emitter = emitter;
            this.caller = caller;
        }

        /** True for the one caller that makes it leave (refused or gone) while it was still waiting. */
        boolean leave() {
            return state.compareAndSet(null, LEFT);
        }

        /** False when it already left; else the permit is on its way to the caller, on its own context. */
        boolean grant(Limiter.Listener listener) {
            if (!state.compareAndSet(null, listener)) {
                return false;
            }
            cancelTimer.run();
            deliver(new Admitted(listener));
            return true;
        }

        void deliver(Outcome outcome) {
            Runnable handOver = () -> {
                if (handed.compareAndSet(false, true)) {
                    emitter.complete(outcome);
                }
            };
            if (caller == null) {
                handOver.run();
            } else {
                caller.run(handOver);
            }
        }
    }
}
