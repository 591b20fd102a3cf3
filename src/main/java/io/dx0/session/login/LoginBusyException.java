package io.dx0.session.login;

import java.time.Duration;

import io.dx0.session.audit.SecurityEvent;
import io.dx0.session.audit.SecurityLog;
import io.dx0.session.login.LoginMetrics.LoginOutcome;
import io.dx0.session.overload.RetryAfter;

/**
 * A login not checked because waiting would not help: the logins ahead of it at a gate of its address,
 * account or device, or the bcrypt checks ahead of it, need longer than the service lets a login wait.
 * The service is saturated, not the client wrong: answered 503 with the time that work needs as
 * {@code Retry-After}.
 */
public final class LoginBusyException extends LoginRefusedException {

    /** Where it was refused (the security log's {@code reason}). */
    public enum Where {
        /** No place at a gate of its address, account or device in time. */
        GATE("no_place_at_a_gate"),
        /** Too many bcrypt checks ahead of it. */
        CHECKS("checks_queued_ahead");

        private final String reason;

        Where(String reason) {
            this.reason = reason;
        }
    }

    private final Where where;
    private final long retryAfterSeconds;

    public LoginBusyException(Where where, Duration workAhead) {
        super("Login not checked: service saturated");
        this.where = where;
        this.retryAfterSeconds = RetryAfter.seconds(workAhead.toMillis());
    }

    public Where where() {
        return where;
    }

    @Override
    public int status() {
        return 503;
    }

    @Override
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public String detail() {
        return "Too many logins being checked; retry after " + retryAfterSeconds + " s";
    }

    @Override
    public LoginOutcome outcome() {
        return LoginOutcome.BUSY;
    }

    @Override
    public SecurityLog.Entry audit(SecurityLog log, boolean knownUser) {
        return log.event(SecurityEvent.LOGIN_BUSY).reason(where.reason).retryAfterMillis(retryAfterSeconds * 1000);
    }
}
