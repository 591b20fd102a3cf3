package io.dx0.session.login;

import java.time.Duration;

/**
 * How a login gate (one client address, one account, one device) decides whether an attempt may be
 * checked. Only failures are recorded, each tagged (the account it was for), and only inside
 * {@code window}.
 * <ul>
 * <li>Without back-off ({@code backoffBase} zero) the key is locked while {@code threshold} or more
 * failures are in the window, until the oldest leaves it; attempts while locked do not extend it.</li>
 * <li>With back-off, from the {@code threshold}-th failure on, the next attempt waits
 * {@code min(backoffBase × 2^(n−1), backoffMax)} after the newest failure, n being the failures past
 * {@code threshold − 1}: a growing delay with a ceiling, so nobody is kept out for long.</li>
 * </ul>
 * At most {@code maxInFlight} admitted attempts may be unsettled at once: that is what keeps "at most
 * {@code threshold + maxInFlight − 1} passwords checked per window" true however many arrive at once,
 * on any number of replicas. An admitted attempt holds its place for {@code lease} at most (a replica
 * that died while checking gives it back then).
 */
public record GateRule(Duration window, int threshold, Duration backoffBase, Duration backoffMax, int maxInFlight,
        Duration lease) {

    /** Failures kept per key: past this many every decision is already at its ceiling. */
    public static final int FAILURES_KEPT = 64;

    public GateRule {
        if (threshold < 1 || maxInFlight < 1) {
            throw new IllegalArgumentException("threshold and maxInFlight must be at least 1");
        }
    }

    /** A lockout: locked while {@code threshold} failures are inside the window. */
    public static GateRule lockout(Duration window, int threshold, int maxInFlight, Duration lease) {
        return new GateRule(window, threshold, Duration.ZERO, Duration.ZERO, maxInFlight, lease);
    }

    /** A growing delay after the {@code threshold}-th failure. */
    public static GateRule backoff(Duration window, int threshold, Duration base, Duration max, int maxInFlight,
            Duration lease) {
        return new GateRule(window, threshold, base, max, maxInFlight, lease);
    }

    public boolean backsOff() {
        return !backoffBase.isZero();
    }

    /** How many failures a backend keeps for the key: enough for the lockout, never unbounded. */
    public int kept() {
        return Math.max(FAILURES_KEPT, threshold + maxInFlight);
    }

    /**
     * Milliseconds the key is still closed for, given the failures in the window; 0 when open.
     * Shared by the Java backends (Redis computes the same in Lua).
     */
    public long closedFor(int count, long oldest, long newest, long now) {
        if (count < threshold) {
            return 0;
        }
        if (!backsOff()) {
            return Math.max(1, oldest + window.toMillis() - now);
        }
        return Math.max(0, newest + Backoff.delay(count - threshold + 1, backoffBase.toMillis(), backoffMax.toMillis())
                - now);
    }
}
