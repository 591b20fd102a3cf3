package io.dx0.session.login;

/**
 * A login gate holding failures inside a window now: its key, how many, and how long ago the oldest and
 * the newest of them were (ages, so the store's clock and the caller's never need to agree).
 */
public record FailingGate(String key, int count, long oldestAgeMillis, long newestAgeMillis) {

    /** Milliseconds {@code rule} keeps this gate closed for from now; 0 when it is open. */
    public long closedFor(GateRule rule) {
        return rule.closedFor(count, -oldestAgeMillis, -newestAgeMillis, 0);
    }
}
