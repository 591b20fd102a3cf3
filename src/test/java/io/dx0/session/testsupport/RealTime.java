package io.dx0.session.testsupport;

import java.time.Duration;

/** For backends clocked by Redis TIME, which a test cannot move: real time has to pass. */
public final class RealTime {

    private RealTime() {
    }

    public static void elapse(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
