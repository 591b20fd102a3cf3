package io.dx0.session.overload;

import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;

import io.dx0.session.concurrency.CallerContext;
import io.dx0.session.concurrency.CallerContext.Caller;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * One path's admission: its adaptive limit of work in progress and, behind it, a short line judged by
 * time. Work that finds the path full joins the line, first come first served, when the work ahead
 * of it will be served within {@code maxDelay} at the pace the line has been served (hand-overs per
 * unit of time while it was not empty); otherwise waiting would not help, and it is
 * refused at once, told to come back after that time. A waiter still in line at its deadline (the pace
 * slowed) is refused then. So a burst, a reconnect storm or a closed loop of more clients than the
 * limit waits a few milliseconds instead of bouncing off an instantaneous count, while past capacity
 * the line stays at most {@code maxDelay} long and everything beyond it is refused as fast as before:
 * the standing queue CoDel and Facebook's "Fail at Scale" bound, predicted at arrival instead of
 * found by timeouts, so a refusal costs the client no wait.
 * <p>
 * What a refusal tells is a place in a second, virtual line behind the real one: the work refused before
 * it and not yet back is counted ahead of it, one hand-over apart at the same pace. So a crowd larger than
 * the line is told to come back spread over the time it needs to be served, instead of all of it within
 * {@code maxDelay} to be refused again; the tail of that virtual line is only a promise, and it runs out
 * by itself as time passes.
 * <p>
 * Netflix concurrency-limits' own queueing limiters block the calling thread, which an event loop
 * must never do; this line hands the permit over on the waiter's own context instead.
 */
final class Backlog {

    /** A ceiling on the line whatever the times say (memory, not time, bounds it then). */
    static final int MAX_WAITING = 10_000;
    /** Hand-overs a busy period needs before its own pace is trusted. */
    static final int PACE_SAMPLES = 16;
    /** The longest a refusal tells anyone to stay away, however large the crowd ahead of it. */
    static final long MAX_COME_BACK_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final SimpleLimiter<Void> limiter;
    private final LongSupplier nanoTime;
    private final long maxDelayNanos;
    private final long coldDelayNanos;
    private final long coldForNanos;
    /** When the line's cold start ends (guarded by this): {@code coldFor} after its first piece of work. */
    private long coldUntil;
    private boolean used;
    private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
    /**
     * The line's length, readable without the lock: every permit's end asks it, and on the chat path that
     * is every message, from every event loop; only when someone waits is the lock taken.
     */
    private volatile int queued;

    /** The line's current busy period (guarded by this): since when it has not been empty, and its hand-overs. */
    private long busySince;
    private int handedOver;
    /**
     * Time between two hand-overs in past busy periods (guarded by this): a busy period's average, folded
     * in half by half; one per millisecond until a busy period of {@link #PACE_SAMPLES} is seen.
     */
    private long pastGapNanos = TimeUnit.MILLISECONDS.toNanos(1);
    /**
     * When the last refused work was told to come back (guarded by this). It starts at the line's creation,
     * which any first refusal's own wait (at least one hand-over) is already past.
     */
    private long comeBackTail;

    Backlog(SimpleLimiter<Void> limiter, long maxDelayNanos) {
        this(limiter, maxDelayNanos, maxDelayNanos, 0);
    }

    /**
     * A line that may be {@code coldDelayNanos} long for {@code coldForNanos} after its first piece of work,
     * then {@code maxDelayNanos}: a replica serves its first seconds at a fraction of its warm pace while
     * the JIT compiles the path, and a line judged by the warm delay then refuses clients the replica would
     * serve moments later (ADR 0026).
     */
    Backlog(SimpleLimiter<Void> limiter, long maxDelayNanos, long coldDelayNanos, long coldForNanos) {
        this(limiter, maxDelayNanos, coldDelayNanos, coldForNanos, System::nanoTime);
    }

    /** The same, its time read from {@code nanoTime} (a test's clock). */
    Backlog(SimpleLimiter<Void> limiter, long maxDelayNanos, long coldDelayNanos, long coldForNanos,
            LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.comeBackTail = nanoTime.getAsLong();
        this.limiter = limiter;
        this.maxDelayNanos = maxDelayNanos;
        this.coldDelayNanos = Math.max(maxDelayNanos, coldDelayNanos);
        this.coldForNanos = coldForNanos;
    }

    /** The longest work may wait in line now (guarded by this). */
    private long maxDelay(long now) {
        return now - coldUntil < 0 ? coldDelayNanos : maxDelayNanos;
    }

    /** What the caller is told. */
    sealed interface Outcome {
    }

    record Admitted(Limiter.Listener listener) implements Outcome {
    }

    record Refused(long retryAfterNanos) implements Outcome {
    }

    /** A permit at once, a permit after waiting its turn, or a refusal with the time the work ahead needs. */
    Uni<Outcome> acquire() {
        return Uni.createFrom().emitter(emitter -> {
            Outcome now = null;
            Waiter waiter = null;
            long delay = maxDelayNanos;
            synchronized (this) {
                if (!used) {
                    used = true;
                    coldUntil = nanoTime.getAsLong() + coldForNanos;
                }
                if (waiting.isEmpty()) {
                    now = limiter.acquire(null).map(Admitted::new).orElse(null);
                }
                if (now == null) {
                    if (waiting.isEmpty()) {
                        busySince = nanoTime.getAsLong();
                        handedOver = 0;
                    }
                    long wait = waitFor(waiting.size() + 1);
                    delay = maxDelay(nanoTime.getAsLong());
                    if (wait > delay || waiting.size() >= MAX_WAITING) {
                        now = new Refused(comeBackAfter(wait));
                    } else {
                        waiter = new Waiter(emitter, Caller.current());
                        waiting.addLast(waiter);
                        queued = waiting.size();
                    }
                }
            }
            if (now != null) {
                emitter.complete(now); // outside the lock: the admitted work starts here
                return;
            }
            Waiter mine = waiter;
            long deadline = delay;
            emitter.onTermination(() -> {
                if (mine.leave()) {
                    leave(mine);
                } else if (mine.state.get() instanceof Limiter.Listener granted
                        && mine.handed.compareAndSet(false, true)) {
                    // granted a permit, but its caller left before it was handed over: it goes to the next
                    granted.onIgnore();
                    handOff();
                }
            });
            mine.cancelTimer = CallerContext.later(mine.caller, TimeUnit.NANOSECONDS.toMillis(deadline),
                    () -> expire(mine));
            // a permit may have ended between the full limit seen above and the line's length written:
            // its hand-over read no one waiting, so this waiter asks for itself
            handOff();
        });
    }

    /**
     * Time until {@code position} more pieces of work are served at the pace the line has been served: the
     * faster of its current busy period (once that has enough hand-overs; an average over the whole
     * period, which one slow permit or a pause does not swing) and past ones. Hopeful on purpose: a cold
     * replica meeting a reconnect storm serves its first upgrades slowly and then speeds up, which an
     * average of what it has done so far cannot foresee (ADR 0018); a waiter the
     * hope was wrong for is refused at its deadline, {@code maxDelay} at most.
     */
    synchronized long waitFor(int position) {
        long gap = pastGapNanos;
        if (handedOver >= PACE_SAMPLES) {
            gap = Math.min(gap, (nanoTime.getAsLong() - busySince) / handedOver);
        }
        return position * Math.max(1, gap);
    }

    /**
     * The time a refusal tells: {@code wait} (the real line ahead) or, when later, one hand-over after the
     * last refused work was told to come back, at most {@link #MAX_COME_BACK_NANOS}.
     */
    private synchronized long comeBackAfter(long wait) {
        long now = nanoTime.getAsLong();
        long at = Math.min(Math.max(now + wait, comeBackTail + waitFor(1)), now + MAX_COME_BACK_NANOS);
        comeBackTail = at;
        return at - now;
    }

    /** The line emptied: its busy period's pace is folded into the past one. */
    private void busyPeriodEnded(long at) {
        if (handedOver >= PACE_SAMPLES) {
            pastGapNanos = (pastGapNanos + (at - busySince) / handedOver) / 2;
        }
        handedOver = 0;
    }

    int waiting() {
        return queued;
    }

    /** A permit ended (whatever the outcome): the first in line, if any, takes the place it freed. */
    void handOff() {
        while (queued > 0) {
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
                queued = waiting.size();
                listener = free.get();
                handedOver++;
                if (waiting.isEmpty()) {
                    busyPeriodEnded(nanoTime.getAsLong());
                }
            }
            if (next.grant(listener)) {
                return;
            }
            listener.onIgnore(); // it left (refused at its deadline, or its caller went away): try the next
        }
    }

    private synchronized void leave(Waiter waiter) {
        if (waiting.remove(waiter)) {
            queued = waiting.size();
            if (queued == 0) {
                busyPeriodEnded(nanoTime.getAsLong());
            }
        }
    }

    private void expire(Waiter waiter) {
        if (!waiter.leave()) {
            return;
        }
        long wait;
        synchronized (this) {
            int position = waiting.size();
            leave(waiter);
            wait = comeBackAfter(waitFor(position));
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
