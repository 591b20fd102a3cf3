package io.dx0.session.ws;

import java.time.Clock;
import java.time.Duration;

/**
 * The invalid frames one socket sent within a sliding window: the times of the last {@code allowed},
 * oldest first in a ring. One more while the oldest is still inside the window is one too many.
 */
final class InvalidFrames {

    private final long[] times;
    private final long windowMillis;
    private final Clock clock;
    private int next;
    private int count;

    InvalidFrames(int allowed, Duration window, Clock clock) {
        this.times = new long[allowed];
        this.windowMillis = window.toMillis();
        this.clock = clock;
    }

    /** Counts one invalid frame; true when it is over the allowance of the window. */
    synchronized boolean tooMany() {
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
