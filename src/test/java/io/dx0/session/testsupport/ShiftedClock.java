package io.dx0.session.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.quarkus.test.junit.QuarkusMock;

/**
 * Real time plus a shift a test adds to: everything timed by the service clock keeps running as in
 * production, and a test jumps over a window, a token's lifetime or an idle timeout at once instead
 * of sleeping through it.
 */
public final class ShiftedClock extends TestClock {

    private final AtomicLong shiftMillis = new AtomicLong();

    /** A new clock, zero shift, installed as the service's {@link Clock} for the current test. */
    public static ShiftedClock installed() {
        ShiftedClock clock = new ShiftedClock();
        QuarkusMock.installMockForType(clock, Clock.class);
        return clock;
    }

    public void advance(Duration d) {
        shiftMillis.addAndGet(d.toMillis());
    }

    @Override
    public long millis() {
        return System.currentTimeMillis() + shiftMillis.get();
    }
}
