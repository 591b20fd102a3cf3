package io.dx0.session.session;

/** The client IP used up its failed logins for the window. */
public class LoginLockedException extends RuntimeException {

    private final long retryAfterSeconds;

    public LoginLockedException(long retryAfterSeconds) {
        super("Too many failed login attempts", null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
