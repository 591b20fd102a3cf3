package io.dx0.session.login;

import java.time.Duration;

/**
 * A password check not made: the checks ahead of it would have kept it waiting past
 * {@code session.overload.login-queue}, or its turn came after its login's lease ended. Carries how
 * long the work ahead needs, which is when the client should come back.
 */
public class CheckRefusedException extends RuntimeException {

    private final Duration workAhead;

    public CheckRefusedException(Duration workAhead) {
        super("Password not checked: too much work ahead", null, false, false);
        this.workAhead = workAhead;
    }

    public Duration workAhead() {
        return workAhead;
    }
}
