package io.dx0.session.chat.socket;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * When one socket was told to come back: the latest {@code retry_after_ms} its busy frames gave, from the
 * moment each was written. A message the socket sends before then is early: it waits on the server until
 * then and is taken as if it had come then, so a client that resends the instant it reads {@code busy}
 * costs what one that waits costs, instead of a refusal written and read per resend. Measured on a
 * monotonic clock ({@link System#nanoTime}): a wall clock set back would otherwise hold messages for as
 * long as it was set back.
 */
final class ComeBackTime {

    private final LongSupplier nanoTime;
    /** In {@link #nanoTime} (guarded by this); the moment of creation until the socket is first refused. */
    private long notBefore;

    ComeBackTime() {
        this(System::nanoTime);
    }

    ComeBackTime(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.notBefore = nanoTime.getAsLong();
    }

    /** A busy frame telling the socket to come back after {@code retryAfterMillis} is being written. */
    synchronized void told(long retryAfterMillis) {
        notBefore = Math.max(notBefore, nanoTime.getAsLong() + TimeUnit.MILLISECONDS.toNanos(retryAfterMillis));
    }

    /** How long a message arriving now is early, in whole milliseconds rounded up (0 when it is not). */
    synchronized long earlyByMillis() {
        long early = notBefore - nanoTime.getAsLong();
        return early <= 0 ? 0 : (early + 999_999) / 1_000_000;
    }
}
