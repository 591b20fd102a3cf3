package io.dx0.session.session;

/**
 * A session's spend limit and spent amount, in integer minor units (cents) so sums are exact.
 *
 * @param limit null when the session may spend without limit
 */
public record Budget(Long limit, long spent) {

    public static final long UNLIMITED = -1;

    public static Budget fromStored(long storedLimit, long spent) {
        return new Budget(storedLimit < 0 ? null : storedLimit, spent);
    }

    /** What is left to spend, never negative; null when unlimited. */
    public Long remaining() {
        return limit == null ? null : Math.max(0, limit - spent);
    }

    public boolean fits(long amount) {
        return limit == null || spent + amount <= limit;
    }

    /** The limit as the backends store it: {@link #UNLIMITED} for none. */
    public static long storedLimit(Long limit) {
        return limit == null ? UNLIMITED : limit;
    }
}
