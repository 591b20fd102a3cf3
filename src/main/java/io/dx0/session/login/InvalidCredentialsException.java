package io.dx0.session.login;

import io.dx0.session.audit.SecurityEvent;
import io.dx0.session.audit.SecurityLog;
import io.dx0.session.login.LoginMetrics.LoginOutcome;

/** Unknown user or wrong password: deliberately one exception, one answer (401). */
public final class InvalidCredentialsException extends LoginRefusedException {

    public InvalidCredentialsException() {
        super("Invalid username or password");
    }

    @Override
    public int status() {
        return 401;
    }

    @Override
    public long retryAfterSeconds() {
        return 0;
    }

    @Override
    public String detail() {
        return "Invalid username or password";
    }

    @Override
    public LoginOutcome outcome() {
        return LoginOutcome.INVALID_CREDENTIALS;
    }

    @Override
    public SecurityLog.Entry audit(SecurityLog log, boolean knownUser) {
        SecurityLog.Entry failure = log.event(SecurityEvent.LOGIN_FAILURE);
        return knownUser ? failure.reason("wrong_password") : failure.reason("unknown_user").provesNothing();
    }
}
