package io.dx0.session.ws;

import java.time.Clock;

/**
 * When one socket was told to come back: the latest {@code retry_after_ms} its busy frames gave, from the
 * moment each was written. A message the socket sends before then is early: it waits on the server until
 * then and is taken as if it had come then, so a client that resends the instant it reads {@code busy}
 * costs what one that waits costs, instead of a refusal written and read per resend.
 */
final class ComeBackTime {

    private final Clock clock;
    /** Epoch milliseconds (guarded by this); 0 until the socket is first refused. */
    private long notBefore;

    ComeBackTime(Clock clock) {
        this.clock = clock;
    }

    /** A busy frame telling the socket to come back after {@code retryAfterMillis} is being written. */
    synchronized void told(long retryAfterMillis) {
        notBefore = Math.max(notBefore, clock.millis() + retryAfterMillis);
    }

    /** How long a message arriving now is early (0 when it is not). */
    synchronized long earlyByMillis() {
        return Math.max(0, notBefore - clock.millis());
    }
}
