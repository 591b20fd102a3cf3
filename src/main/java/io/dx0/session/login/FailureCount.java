package io.dx0.session.login;

/**
 * Failures counted for one key inside the window.
 *
 * @param retryAfterMillis time until the oldest counted failure leaves the window (0 when none)
 */
public record FailureCount(int count, long retryAfterMillis) {

    public static final FailureCount NONE = new FailureCount(0, 0);
}
