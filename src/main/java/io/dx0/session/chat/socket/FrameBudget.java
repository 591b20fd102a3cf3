package io.dx0.session.chat.socket;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.Counter;

/**
 * The frames one socket may send within a sliding window that the service answers without doing the
 * work of a message: invalid frames, pings and messages refused because the socket's own are still in
 * progress. The times of the frames inside the window are kept oldest first in a ring that grows only
 * while they all are, up to {@code allowed}: one more while the oldest of {@code allowed} is still inside
 * the window is one too many. So a socket holds as many times as it sent frames in a window, not as many
 * as it may (before, the ring was {@code allowed} long from the start, and 1,000,000 made 3,000 sockets
 * ask for 24 GB). A socket cut for its frames is counted here, once, whichever of its bounds cut it.
 */
final class FrameBudget {

    /** The ring's first length. */
    private static final int FIRST_LENGTH = 16;

    private final int allowed;
    private final long windowMillis;
    private final Clock clock;
    private final Counter cut;
    private long[] times;
    /** Where the next time is written: the oldest time once the ring is full. */
    private int next;
    private int count;
    private boolean counted;

    FrameBudget(int allowed, Duration window, Clock clock, Counter cut) {
        this.allowed = allowed;
        this.times = new long[Math.min(allowed, FIRST_LENGTH)];
        this.windowMillis = window.toMillis();
        this.clock = clock;
        this.cut = cut;
    }

    /** The socket is being cut for its frames: counted the first time only. */
    synchronized void countCut() {
        if (!counted) {
            counted = true;
            cut.increment();
        }
    }

    /** Spends one frame of the budget; true when it is over the allowance of the window (the socket is cut). */
    synchronized boolean overspent() {
        long now = clock.millis();
        boolean full = count == times.length;
        boolean oldestInside = full && now - times[next] < windowMillis;
        if (oldestInside && times.length == allowed) {
            countCut();
            return true;
        }
        if (oldestInside) {
            grow();
        }
        times[next] = now;
        next = (next + 1) % times.length;
        count = Math.min(count + 1, times.length);
        return false;
    }

    /** Twice as long (at most {@code allowed}), the times kept oldest first. */
    private void grow() {
        int length = times.length;
        long[] grown = new long[(int) Math.min(allowed, 2L * length)];
        for (int i = 0; i < length; i++) {
            grown[i] = times[(next + i) % length];
        }
        times = grown;
        next = length;
    }

    /** How many times the ring can hold now (its memory is eight bytes each). */
    synchronized int capacity() {
        return times.length;
    }
}
