package io.dx0.session.overload;

/** An HTTP {@code Retry-After}: whole seconds (RFC 9110), rounded up, never 0 (which would invite an instant retry). */
public final class RetryAfter {

    private RetryAfter() {
    }

    public static long seconds(long millis) {
        return Math.max(1, (millis + 999) / 1000);
    }
}
