package io.dx0.session.login;

/** The growing delay of per-account throttling, shared by the Java backends (Redis computes it in Lua). */
public final class Backoff {

    private Backoff() {
    }

    /** {@code min(base × 2^(count−1), max)} without overflow. */
    public static long delay(int count, long base, long max) {
        long delay = base;
        for (int i = 1; i < count && delay < max; i++) {
            delay *= 2;
        }
        return Math.min(delay, max);
    }
}
