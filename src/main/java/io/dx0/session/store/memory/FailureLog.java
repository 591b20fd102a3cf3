package io.dx0.session.store.memory;

import java.util.ArrayDeque;

import io.dx0.session.store.Backoff;
import io.dx0.session.store.FailureCount;

/**
 * Failure times of one key, oldest first; synchronized per key. A log found empty by the purge is
 * retired under its lock, so a failure recorded at the same moment goes to a fresh log, never lost.
 */
final class FailureLog {

    private final ArrayDeque<Long> times = new ArrayDeque<>();
    private long windowMillis;
    private boolean retired;

    /** Null when this log was retired; the caller then records into a fresh one. */
    synchronized FailureCount record(long now, long window, int cap) {
        if (retired) {
            return null;
        }
        windowMillis = Math.max(windowMillis, window);
        FailureCount before = count(now, window);
        if (before.count() >= cap) {
            return before;
        }
        times.addLast(now);
        FailureCount after = count(now, window);
        return new FailureCount(after.count(), after.retryAfterMillis(), true);
    }

    /** Null when this log was retired. */
    synchronized FailureCount recordWithBackoff(long now, long window, long base, long max, int kept) {
        if (retired) {
            return null;
        }
        windowMillis = Math.max(windowMillis, window);
        FailureCount before = count(now, window);
        if (before.count() > 0) {
            long wait = times.peekLast() + Backoff.delay(before.count(), base, max) - now;
            if (wait > 0) {
                return new FailureCount(before.count(), wait, false);
            }
        }
        times.addLast(now);
        while (times.size() > kept) {
            times.pollFirst();
        }
        return new FailureCount(times.size(), Backoff.delay(times.size(), base, max), true);
    }

    synchronized FailureCount count(long now, long window) {
        while (!times.isEmpty() && times.peekFirst() <= now - window) {
            times.pollFirst();
        }
        if (times.isEmpty()) {
            return FailureCount.NONE;
        }
        return new FailureCount(times.size(), times.peekFirst() + window - now, false);
    }

    /** Retires the log when nothing in it is inside the widest window it was recorded with. */
    synchronized boolean retireIfEmpty(long now) {
        retired = count(now, windowMillis).count() == 0;
        return retired;
    }
}
