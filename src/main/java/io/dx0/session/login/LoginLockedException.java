package io.dx0.session.login;

import java.util.Locale;

import io.dx0.session.audit.SecurityEvent;
import io.dx0.session.audit.SecurityLog;
import io.dx0.session.login.LoginMetrics.LoginOutcome;
import io.dx0.session.login.LoginMetrics.LoginScope;
import io.dx0.session.overload.RetryAfter;

/**
 * A login refused before its password was checked: its client address is locked out, or its account
 * (or device token) is inside its back-off. Answered 429 with {@code Retry-After}, never 401.
 */
public final class LoginLockedException extends LoginRefusedException {

    private final LoginScope scope;
    private final long retryAfterSeconds;

    public LoginLockedException(LoginScope scope, long retryAfterMillis) {
        super("Too many failed login attempts");
        this.scope = scope;
        this.retryAfterSeconds = RetryAfter.seconds(retryAfterMillis);
    }

    public LoginScope scope() {
        return scope;
    }

    @Override
    public int status() {
        return 429;
    }

    @Override
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public String detail() {
        return switch (scope) {
            case IP -> "Too many failed logins from this client address; retry after " + retryAfterSeconds + " s";
            case ACCOUNT, DEVICE -> "Too many failed logins for this account; retry after " + retryAfterSeconds + " s";
        };
    }

    /** An address lockout is "locked"; an account's or device's back-off "throttled". */
    @Override
    public LoginOutcome outcome() {
        return scope == LoginScope.IP ? LoginOutcome.LOCKED : LoginOutcome.THROTTLED;
    }

    @Override
    public SecurityLog.Entry audit(SecurityLog log, boolean knownUser) {
        return log.event(scope == LoginScope.IP ? SecurityEvent.LOGIN_LOCKED : SecurityEvent.LOGIN_THROTTLED)
                .scope(scope.name().toLowerCase(Locale.ROOT)).retryAfterMillis(retryAfterSeconds * 1000);
    }
}
