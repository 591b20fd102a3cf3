package io.dx0.session.login;

import io.dx0.session.audit.SecurityLog;
import io.dx0.session.login.LoginMetrics.LoginOutcome;

/**
 * A login refused: wrong credentials (401), a gate closed by failures (429), or no turn to be checked in
 * time (503). One type for the login pipeline's refusals, each carrying what is answered (status,
 * detail, {@code Retry-After}), how it is counted ({@code dx0.logins} outcome) and what the security
 * log records; the REST layer and the service read these instead of telling the refusals apart.
 */
public abstract sealed class LoginRefusedException extends RuntimeException
        permits InvalidCredentialsException, LoginLockedException, LoginBusyException {

    LoginRefusedException(String message) {
        super(message, null, false, false);
    }

    /** The HTTP status it is answered with. */
    public abstract int status();

    /** The answer's {@code Retry-After} in seconds, or 0 for none. */
    public abstract long retryAfterSeconds();

    /** What the client reads (the same for a known and an unknown account in the same state). */
    public abstract String detail();

    public abstract LoginOutcome outcome();

    /** Its security-log entry, still to be given the user and client and written. */
    public abstract SecurityLog.Entry audit(SecurityLog log, boolean knownUser);
}
