package io.dx0.session.login;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.dx0.session.concurrency.CallerContext;
import io.dx0.session.concurrency.CallerContext.Caller;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * The logins of this replica waiting for a place at a busy login gate, first come, first served. The
 * places themselves are counted in the store (so the bound holds for all replicas); this line only
 * decides who of this replica asks the store next: the first in line, when a login of this replica
 * gives a place of that gate back, or every {@code poll} ms (a place freed on another replica). A
 * newcomer joins the back of a non-empty line instead of asking, so nobody is overtaken by later
 * logins of the same replica (without it right logins waited past max-wait: ADR 0019).
 */
final class GateQueue {

    private final Map<String, ArrayDeque<Waiter>> lines = new HashMap<>();
    private final Clock clock;
    private final long pollMillis;

    GateQueue(Clock clock, long pollMillis) {
        this.clock = clock;
        this.pollMillis = pollMillis;
    }

    synchronized boolean isWaiting(String key) {
        ArrayDeque<Waiter> line = lines.get(key);
        return line != null && !line.isEmpty();
    }

    /** Logins of this replica waiting at {@code key}. */
    synchronized int length(String key) {
        ArrayDeque<Waiter> line = lines.get(key);
        return line == null ? 0 : line.size();
    }

    /** Lines held: one per key someone waits at, so it comes back to zero when nobody waits. */
    synchronized int lines() {
        return lines.size();
    }

    /**
     * Waits in the line of {@code key} — at the front for a login that was first already, else at the
     * back — until it is first and either woken or its poll comes, or until {@code giveUpAt} (epoch ms
     * by the service clock). The caller then asks the store again.
     */
    Uni<Void> await(String key, boolean atFront, long giveUpAt) {
        return Uni.createFrom().emitter(emitter -> {
            Waiter waiter = new Waiter(key, Caller.current(), emitter, giveUpAt);
            synchronized (this) {
                ArrayDeque<Waiter> line = lines.computeIfAbsent(key, k -> new ArrayDeque<>());
                if (atFront) {
                    line.addFirst(waiter);
                } else {
                    line.addLast(waiter);
                }
            }
            emitter.onTermination(() -> leave(waiter));
            waiter.schedule();
        });
    }

    /** A place at {@code key} was given back (or taken): the first in line asks the store now. */
    void wakeFirst(String key) {
        Waiter first;
        synchronized (this) {
            ArrayDeque<Waiter> line = lines.get(key);
            if (line == null) {
                return;
            }
            first = line.pollFirst();
            if (line.isEmpty()) {
                lines.remove(key);
            }
        }
        if (first != null) {
            first.wake();
        }
    }

    private synchronized void leave(Waiter waiter) {
        ArrayDeque<Waiter> line = lines.get(waiter.key);
        if (line != null && line.remove(waiter) && line.isEmpty()) {
            lines.remove(waiter.key);
        }
    }

    /** On its poll: the first in line (or one out of time) leaves it and asks; any other keeps its place. */
    private void poll(Waiter waiter) {
        if (waiter.done.get()) {
            return;
        }
        boolean go;
        synchronized (this) {
            ArrayDeque<Waiter> line = lines.get(waiter.key);
            go = line == null || line.peekFirst() == waiter || clock.millis() >= waiter.giveUpAt;
        }
        if (go) {
            leave(waiter);
            waiter.wake();
        } else {
            waiter.schedule();
        }
    }

    private final class Waiter {
        final String key;
        final Caller caller;
        final UniEmitter<? super Void> emitter;
        final long giveUpAt;
        final AtomicBoolean done = new AtomicBoolean();

        Waiter(String key, Caller caller, UniEmitter<? super Void> emitter, long giveUpAt) {
            this.key = key;
            this.caller = caller;
            this.emitter = emitter;
            this.giveUpAt = giveUpAt;
        }

        /** The next poll, never past the time to give up; on the caller's event loop when there is one. */
        void schedule() {
            CallerContext.later(caller, Math.min(pollMillis, giveUpAt - clock.millis()), () -> poll(this));
        }

        void wake() {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            if (caller == null) {
                emitter.complete(null);
            } else {
                caller.run(() -> emitter.complete(null));
            }
        }
    }
}
