package io.dx0.session.service;

/** An authenticated session without the group an operation needs. Answered with 403. */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String detail) {
        super(detail, null, false, false);
    }
}
