package io.dx0.session.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** A clock tests move by hand; it counts how often it is read (a test can wait for code that polls it). */
public final class MutableClock extends TestClock {

    private final AtomicLong millis;
    private final AtomicInteger reads = new AtomicInteger();

    public MutableClock(Instant start) {
        this.millis = new AtomicLong(start.toEpochMilli());
    }

    public void advance(Duration d) {
        millis.addAndGet(d.toMillis());
    }

    public int reads() {
        return reads.get();
    }

    @Override
    public long millis() {
        reads.incrementAndGet();
        return millis.get();
    }
}
