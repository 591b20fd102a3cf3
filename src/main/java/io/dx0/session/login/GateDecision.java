package io.dx0.session.login;

/**
 * What a login gate said to one attempt.
 *
 * @param failures         failures inside the window when it decided
 * @param retryAfterMillis {@code LOCKED}: how long until an attempt may be admitted; otherwise 0
 */
public record GateDecision(Status status, int failures, long retryAfterMillis) {

    public enum Status {
        /** The attempt may be checked; it holds a place until it is settled. */
        ADMITTED,
        /** Too many failures recorded: refused without checking. */
        LOCKED,
        /** Not locked, but {@code maxInFlight} attempts are being checked: try again shortly. */
        BUSY
    }

    public static GateDecision admitted(int failures) {
        return new GateDecision(Status.ADMITTED, failures, 0);
    }

    public static GateDecision locked(int failures, long retryAfterMillis) {
        return new GateDecision(Status.LOCKED, failures, Math.max(1, retryAfterMillis));
    }

    public static GateDecision busy(int failures) {
        return new GateDecision(Status.BUSY, failures, 0);
    }
}
