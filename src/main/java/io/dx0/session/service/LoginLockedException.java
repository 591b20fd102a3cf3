package io.dx0.session.service;

import io.dx0.session.metrics.SessionMetrics.LoginScope;

/**
 * A login refused before its password was checked: its client address is locked out, or its account
 * (or device token) is inside its back-off. Answered 429 with {@code Retry-After}, never 401.
 */
public class LoginLockedException extends RuntimeException {

    private final LoginScope scope;
    private final long retryAfterSeconds;

    public LoginLockedException(LoginScope scope, long retryAfterMillis) {
        super("Too many failed login attempts", null, false, false);
        this.scope = scope;
        this.retryAfterSeconds = Math.max(1, (retryAfterMillis + 999) / 1000);
    }

    public LoginScope scope() {
        return scope;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
