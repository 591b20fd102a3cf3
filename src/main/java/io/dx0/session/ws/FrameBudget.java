package io.dx0.session.ws;

import java.time.Clock;
import java.time.Duration;

/**
 * The frames one socket may send within a sliding window that the service answers without doing the
 * work of a message: invalid frames, pings and messages refused because the socket's own are still in
 * progress. The times of the last {@code allowed} are kept oldest first in a ring; one more while the
 * oldest is still inside the window is one too many.
 */
final class FrameBudget {

    private final long[] times;
    private final long windowMillis;
    private final Clock clock;
    private int next;
    private int count;

    FrameBudget(int allowed, Duration window, Clock clock) {
        this.times = new long[allowed];
        this.windowMillis = window.toMillis();
        this.clock = clock;
    }

    /** Spends one frame of the budget; true when it is over the allowance of the window. */
    synchronized boolean overspent() {
        long now = clock.millis();
        if (count == times.length && now - times[next] < windowMillis) {
            return true;
        }
        times[next] = now;
        next = (next + 1) % times.length;
        count = Math.min(count + 1, times.length);
        return false;
    }
}
